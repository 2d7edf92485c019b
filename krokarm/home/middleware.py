"""The site's own middleware: Swedish first, and the Permissions-Policy header."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from krokarm.lib.errors import Refused


class SwedishFirstLocaleMiddleware:
    """Swedish unless the visitor has chosen English.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so most
    visitors would get English. A Swedish public service speaks Swedish first; the
    language button sets a cookie that this middleware honours.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """Tells the browser that no page here may use the camera, microphone, location and other devices.

    The site needs none of them, so even an injected script could not ask for them.
    Only features today's browsers know are listed: an unknown one is logged as an error in the console.
    """

    POLICY = ", ".join(
        f"{feature}=()"
        for feature in [
            "accelerometer",
            "camera",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        ]
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class RefusedMiddleware:
    """An action that refuses (krokarm.lib.errors.Refused: a case someone else just answered, a row changed
    meanwhile…) answers with its message and status (409) on a page with a way onwards, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refused):
            return None
        back = request.path if request.method == "POST" else ""
        html = render_to_string("409.html", {"message": exception.message, "back": back}, request)
        return HttpResponse(html, status=exception.status)
