"""The site's own middleware: Swedish first, the Permissions-Policy header, refusals as pages, and the guard on
request bodies."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from krokarm.api import errors as api_errors
from krokarm.lib.errors import Refused
from krokarm.lib.language import prefers_english


class SwedishFirstLocaleMiddleware:
    """Swedish unless the visitor has chosen English or their browser prefers it.

    The language button sets a cookie, and the cookie always wins. Without it a browser whose Accept-Language
    prefers English to Swedish and does not name Swedish first gets English (krokarm.lib.language.prefers_english);
    every other visitor gets Swedish: a Swedish public service speaks Swedish first, so "en" listed after "sv", or
    a browser in a third language, is not enough. Django's LocaleMiddleware would give English to any browser
    that lists it before a language we lack. The answer depends on both headers, so it says so in Vary (and the
    page cache, krokarm.audit.cache, keys pages by the active language).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def language_for(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in self.languages:
            return chosen
        if "en" in self.languages and prefers_english(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
            return "en"
        return str(settings.LANGUAGE_CODE)


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


class RequestBodyGuardMiddleware:
    """Decides on a request's body before anything reads it (the CSRF check and the forms read it later).

    - A body larger than REQUEST_BODY_MAX_BYTES (by its Content-Length) is refused with 413: nothing of it is read,
      so nothing is spooled to disk. Django reads no body without a Content-Length.
    - A body larger than ANONYMOUS_BODY_MAX_BYTES from someone who is not signed in goes to the sign-in page (the API
      answers 401): the forms open to everyone (sign-in, a question, a case) are a few kilobytes, every form with
      files is for signed-in people, and nobody's upload is read before we know who sent it. Only such a body makes
      this middleware look at the session, so an ordinary request costs nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body it cannot measure
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return self.too_large(request)
        if length > settings.ANONYMOUS_BODY_MAX_BYTES and not request.user.is_authenticated:
            return self.sign_in_first(request)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest) -> HttpResponse:
        limit = filesizeformat(settings.REQUEST_BODY_MAX_BYTES)
        if request.path.startswith("/api/"):
            message = _("Begäran är för stor: högst %(limit)s tas emot.") % {"limit": limit}
            response: HttpResponse = api_errors.error_response(413, "too_large", message)
        else:
            # No context processors: nothing here may need the session or the database.
            html = render_to_string("413.html", {"request": request, "limit": limit})
            response = HttpResponse(html, status=413)
        response["Connection"] = "close"  # the unread body is not waited for
        return response

    @staticmethod
    def sign_in_first(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return api_errors.error_response(401, "not_authenticated", _("Logga in för att skicka filer."))
        return redirect_to_login(request.get_full_path())
