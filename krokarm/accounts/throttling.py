"""Sign-in throttling with django-axes: whose failures count together, what a locked-out visitor sees, our log.

Two budgets, both kept in axes' tables and both for settings.AXES_COOLOFF_TIME:

- per account: AXES_FAILURE_LIMIT wrong passwords for one account, from anywhere, lock it. The user name and the
  e-mail address of an account are one budget (`username` resolves both to the account); a name without an
  account is counted as typed, folded.
- per client address: SIGN_IN_FAILURES_PER_ADDRESS failures from one address, whichever names were tried, lock
  that address (the lib/client.py address, as for the rate limits).

The password checks on the account page (delete account, change password, disconnect the authenticator app) go
through `check_password`, so they spend the same budgets and are answered by the same 429 page. Failures and
lockouts are also logged here, under "krokarm.accounts", next to the rest of the platform's log.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from axes.attempts import get_cool_off_threshold  # type: ignore[import-untyped]
from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import get_client_username, get_failure_limit  # type: ignore[import-untyped]
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from krokarm.accounts.backends import find_user
from krokarm.lib.client import client_address

log = logging.getLogger("krokarm.accounts")


def username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The key failures count under: the account's user name (folded) when what was typed names an account,
    by user name or by e-mail address, else what was typed, folded (Anna@Example.se = anna@example.se)."""
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = getattr(request, "POST", {}).get("username", "")
    typed = str(typed or "").strip()
    keys: dict[str, str] = getattr(request, "_krokarm_account_keys", {})  # axes asks several times per request
    if typed not in keys:
        user = find_user(typed)
        keys[typed] = (user.get_username() if user is not None else typed).casefold()
        if request is not None:
            request._krokarm_account_keys = keys  # type: ignore[attr-defined]
    return keys[typed]


def _failures(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class Handler(AxesDatabaseHandler):
    """axes' database handler with the two budgets above. axes compares one number with one limit, so an address
    past its own limit is reported as at the account limit."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        account = _failures(recent.filter(username=get_client_username(request, credentials)))
        address = _failures(recent.filter(ip_address=request.axes_ip_address))  # type: ignore[attr-defined]
        if address >= settings.SIGN_IN_FAILURES_PER_ADDRESS:
            return max(account, int(get_failure_limit(request, credentials)))
        return account

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """A successful sign-in clears its account's failures only: clearing the address's would let anybody
        with an account of their own wipe the address budget between guesses at other people's."""
        count, _ = AccessAttempt.objects.filter(username=get_client_username(request, credentials)).delete()
        return int(count)


def check_password(request: HttpRequest, user: Any, password: str) -> bool:
    """Whether `password` is `user`'s, checked as a sign-in is: a wrong one spends the account's and the address's
    budgets, and once either is spent no password passes and the response becomes the 429 page (axes' middleware).
    The caller must already know `user` is the signed-in account holder."""
    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk


def lockout(request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None) -> Any:
    """The page a locked-out visitor gets instead of the form they sent (429 Too Many Requests)."""
    minutes = math.ceil(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def log_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    address = client_address(request) if request is not None else None
    log.warning("sign-in failed for %r from %s", username(request, credentials) if request else "", address)


def log_lockout(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    log.warning("sign-in locked for %r from %s after repeated failures", username, ip_address)
