"""Error pages in the site's own layout, in plain Swedish, with a way onwards."""

from __future__ import annotations

import re
import sys
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults

from krokarm.api import errors as api_errors
from krokarm.lib.database import RETRY_AFTER_SECONDS, already_logged, log_trouble, trouble

# Form fields never shown back on the 503 page: passwords, one-time codes, keys and the CSRF token.
SECRET_FIELD = re.compile(r"pass|token|otp|secret|csrf|^code$", re.IGNORECASE)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    message = str(exception) if exception and isinstance(exception.args[0] if exception.args else None, str) else ""
    return HttpResponse(render_to_string("404.html", {"message": message}, request), status=404)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400. Database trouble can arrive here too: Django turns a session that could not be saved
    (SessionMiddleware, after every request) into SessionInterrupted, a 400 "the user logged out meanwhile"."""
    kind = trouble(exception)
    if kind is not None:
        log_trouble(kind, request, exception)
        return already_logged(service_unavailable(request))  # also keeps Django's security log from an ERROR line
    if request.path.startswith("/api/"):
        return api_errors.error_response(400, "bad_request", _("Förfrågan kunde inte tolkas."))
    return defaults.bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this for any exception a view or a middleware raised (handler500), inside its `except`.

    Database trouble that passes (a lock or statement timeout, a locked SQLite file, an unreachable database)
    is no bug: it answers 503 with Retry-After. Everything else stays a logged 500.
    """
    exc = sys.exc_info()[1]
    kind = trouble(exc) if exc is not None else None
    if kind is not None and exc is not None:
        log_trouble(kind, request, exc)
        return already_logged(service_unavailable(request))
    if request.path.startswith("/api/"):
        return api_errors.server_error()
    # No template context processors here: the error may come from them.
    return HttpResponse(render_to_string("500.html"), status=500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 in the site's layout, rendered without the database: no context processors, no user, no session.

    The request's transaction was rolled back, so a form sent with POST saved nothing: the page says so and shows
    what was sent, so that nothing typed is lost.
    """
    if request.path.startswith("/api/"):
        return api_errors.unavailable(request)
    context = {
        "request": request,
        "posted": request.method == "POST",
        "sent": sent_fields(request),
        "contact_email": settings.CONTACT_EMAIL,
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # it may show what the visitor typed
    return response


def sent_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The non-empty values of a POSTed form, without secrets, if it passes the CSRF check: sent from our own page.

    Another site's form could otherwise put its words on our page. The check reads a cookie, not the database.
    """
    if request.method != "POST":
        return []
    try:
        checked = getattr(request, "csrf_processing_done", False)  # False: the trouble came before the CSRF check
        if not checked and CsrfViewMiddleware(_no_view).process_view(request, _no_view, (), {}) is not None:
            return []
        data = request.POST
    except Exception:  # an unreadable body: there is nothing to show back
        return []
    return [
        (name, value)
        for name, values in data.lists()
        if not SECRET_FIELD.search(name)
        for value in values
        if isinstance(value, str) and value.strip()
    ]


def _no_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return HttpResponse(render_to_string("403.html", {}, request), status=403)
