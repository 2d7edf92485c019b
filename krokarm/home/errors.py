"""Error pages in the site's own layout, in plain Swedish, with a way onwards."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    message = str(exception) if exception and isinstance(exception.args[0] if exception.args else None, str) else ""
    return HttpResponse(render_to_string("404.html", {"message": message}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No template context processors here: the error may come from them.
    return HttpResponse(render_to_string("500.html"), status=500)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return HttpResponse(render_to_string("403.html", {}, request), status=403)
