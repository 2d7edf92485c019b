"""What every page may show about the signed-in user's notifications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from krokarm.notifications import queries


def unread(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: the count the header shows. Counted (one query) only if a template uses it,
    so fragments and pages without the header cost nothing."""
    user = getattr(request, "user", None)  # absent when a template is rendered outside a request cycle
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: queries.unread_count(user))}
