"""One JSON error shape for the whole API: {"error": {"status", "code", "message", "details"}}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from krokarm.lib.database import RETRY_AFTER_SECONDS


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []


def error_response(status: int, code: str, message: str, details: list[dict[str, str]] | None = None) -> JsonResponse:
    body = {"error": {"status": status, "code": code, "message": message, "details": details or []}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def unknown(field: str, code: str, message: str, hint: str = "") -> ApiError:
    """A filter that names something krokarm does not have: 404, naming the filter.

    The document lists the fixed vocabularies (themes, counties, regions) as enumerations; an actor or a value
    outside them is a reference to nothing, not an empty list, so the client hears about the typo."""
    return ApiError(404, code, message, [{"field": field, "message": hint or message}])


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        details.append({"field": ".".join(location) or "request", "message": str(error.get("msg", ""))})
    return details


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """For any /api/ address that does not exist."""
    return error_response(404, "not_found", _("Det finns ingen sådan adress i API:t. Se /api/v1/docs."))


def server_error() -> JsonResponse:
    return error_response(500, "server_error", _("Något gick fel hos oss. Felet är loggat; försök igen om en stund."))


def unavailable(request: HttpRequest) -> JsonResponse:
    """503 with Retry-After, for database trouble that passes (krokarm.lib.database.trouble).

    The request's transaction was rolled back, so a write changed nothing, and the client may send it again.
    """
    message = _("Tjänsten är tillfälligt överbelastad. Försök igen om en stund.")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        message = _(
            "Tjänsten är tillfälligt överbelastad och ingen ändring gjordes. Skicka samma begäran igen om en stund."
        )
    response = error_response(503, "unavailable", message)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
