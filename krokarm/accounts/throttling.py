"""Sign-in throttling with django-axes: how a client is named, what a locked-out visitor sees, and our log.

Five failed sign-ins for the same account from the same address lock that combination for a while
(settings.AXES_*). Axes keeps every attempt in its tables and logs through the "axes" logger; failures and
lockouts are also logged here, under "krokarm.accounts", next to the rest of the platform's log.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from krokarm.lib.client import client_address

log = logging.getLogger("krokarm.accounts")


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """What was typed as the account, folded, so that Anna@Example.se and anna@example.se count together."""
    value = (credentials or {}).get("username")
    if value is None:
        value = getattr(request, "POST", {}).get("username", "")
    return str(value or "").strip().casefold()


def lockout(request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None) -> Any:
    """The page a locked-out visitor gets instead of the sign-in form (429 Too Many Requests)."""
    minutes = math.ceil(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def log_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    address = client_address(request) if request is not None else None
    log.warning("sign-in failed for %r from %s", username(request, credentials) if request else "", address)


def log_lockout(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    log.warning("sign-in locked for %r from %s after repeated failures", username, ip_address)
