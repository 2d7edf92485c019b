"""Keeps the API's one error shape for answers django-ninja writes itself (a wrong method)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from krokarm.api.errors import error_response


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code == 405
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allowed = response.get("Allow", "")
            message = _("Metoden %(method)s är inte tillåten här. Tillåtna: %(allowed)s.") % {
                "method": request.method,
                "allowed": allowed,
            }
            shaped = error_response(405, "method_not_allowed", message)
            if allowed:
                shaped["Allow"] = allowed
            return shaped
        return response
