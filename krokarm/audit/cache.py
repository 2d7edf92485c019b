"""Whole-page caching keyed on the audit log.

Every change to krokarm's data leaves an audit row in the same transaction
(STYLE.md), so the newest audit row's id is a version number for all data:
a page built only from audited data stays valid until that id moves. Anonymous
GET requests of such pages are served from the cache; anyone with a session
(staff, later logged-in users) always gets a freshly rendered page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from krokarm.audit.models import AuditEntry

View = Callable[..., HttpResponse]
TIMEOUT = 600


def data_version() -> int:
    """The id of the newest public audit row: it changes whenever audited data that pages show changes."""
    return AuditEntry.objects.filter(public=True).order_by("-id").values_list("id", flat=True).first() or 0


def cache_public_page(view: View) -> View:
    """Serve anonymous GETs of `view` from the cache until the data changes.

    Only for views whose output depends on nothing but the URL, the language and
    audited data: no user, no session, no CSRF token.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        raw = f"{translation.get_language()}|{data_version()}|{request.get_full_path()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            status, content_type, body, extra = hit
            response = HttpResponse(body, status=status, content_type=content_type)
            for header, value in extra.items():
                response[header] = value
            return response
        response = view(request, *args, **kwargs)
        # A page with a form carries this visitor's CSRF token (the middleware adds the cookie only after
        # this returns): served to someone else, their form would be refused.
        uses_csrf = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        if response.status_code == 200 and not response.cookies and not response.streaming and not uses_csrf:
            extra = {h: response[h] for h in ("Content-Disposition", "ETag") if h in response}
            cache.set(key, (response.status_code, response["Content-Type"], response.content, extra), TIMEOUT)
        return response

    return wrapper
