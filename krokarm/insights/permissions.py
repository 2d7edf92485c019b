"""Who may see what of the usage log.

Anyone may give feedback and see the dashboard (counts only). The questions themselves, which may hold
personal data until they are purged, are for coordinators only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from krokarm.accounts.permissions import COORDINATORS_GROUP as COORDINATOR_GROUP
from krokarm.accounts.permissions import is_coordinator

__all__ = ["COORDINATOR_GROUP", "coordinator_required", "is_coordinator"]

View = Callable[..., HttpResponse]


def ensure_can_give_feedback(user: Any) -> None:
    """Open to everyone, like asking: the feedback says nothing about who gives it."""


def ensure_can_view_dashboard(user: Any) -> None:
    """Open to everyone: the dashboard shows counts only, never a question's text."""


def coordinator_required(view: View) -> View:
    """Coordinators only: anyone else logs in first (settings.LOGIN_URL), or is refused with 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            return render(request, "insights/coordinators_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
