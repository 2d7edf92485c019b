"""One JSON error shape for the whole API: {"error": {"status", "code", "message", "details"}}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


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


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        details.append({"field": ".".join(location) or "request", "message": str(error.get("msg", ""))})
    return details


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """For any /api/ address that does not exist."""
    return error_response(404, "not_found", _("Det finns ingen sådan adress i API:t. Se /api/v1/docs."))
