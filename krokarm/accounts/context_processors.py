"""What every page may show about the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from krokarm.accounts.permissions import actor_ids, is_coordinator


def roles(request: HttpRequest) -> dict[str, Any]:
    """`has_inbox`: whether the header links to the inbox (people who work for an actor, coordinators)."""
    user = getattr(request, "user", None)  # absent when a template is rendered outside a request cycle
    if user is None or not user.is_authenticated:
        return {"has_inbox": False}
    return {"has_inbox": is_coordinator(user) or bool(actor_ids(user))}
