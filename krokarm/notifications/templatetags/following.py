"""For other apps' templates: the button to follow or stop following an object.

{% load following %}
{% follow_button actor %}
{% follow_button thread label %}   (optional: how screen readers hear the object named)

Signed-in visitors get a small form (one query: do they follow it already?) if they may follow the object
(permissions.can_follow: they may read it where the follow leads), and nothing otherwise; anonymous visitors a
link to sign in, which depends on nothing but the page, so cached public pages stay the same for everyone.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.shortcuts import resolve_url

from krokarm.notifications import permissions, queries, registry

register = template.Library()


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context: template.Context, obj: Any, label: str | None = None) -> dict[str, Any]:
    """`label` names the object for screen readers ("Följ Arbetsförmedlingen"); by default the registry's."""
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = registry.entry_for(obj)
    here = request.get_full_path() if request is not None else entry.url(obj)
    signed_in = bool(user is not None and user.is_authenticated)
    may_follow = signed_in and permissions.can_follow(user, obj)
    return {
        "signed_in": signed_in,
        "may_follow": may_follow,
        "following": may_follow and queries.is_following(user, obj),
        "name": entry.name,
        "key": entry.key(obj),
        "label": (label or entry.label(obj)) if signed_in else "",
        "next": here,
        "login_url": resolve_url(settings.LOGIN_URL),
        "csrf_token": context.get("csrf_token"),
    }
