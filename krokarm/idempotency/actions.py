"""Doing something once per one-time key, even when two requests with the key arrive at the same instant.

The key is inserted in the same transaction as the thing it makes, before it is made. A second request with the
same key either finds the key (the first has committed) or waits on the unique index until the first commits and
then fails to insert it (PostgreSQL; SQLite lets one writer in at a time), and in both cases is given the first
request's result instead of making a second thing. If the first request fails, its key goes with its rollback and
the second is carried out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from krokarm.idempotency.models import Key

KEEP_DAYS = 2


@dataclass(frozen=True)
class Done:
    """The result of the request that used the key first."""

    url: str
    status: int | None
    body: str
    request_hash: str


def scope_of(request: HttpRequest) -> str:
    """Whose keys these are: the signed-in user; anonymous visitors share one scope (no session is made for
    them), which is safe because a key is 128 random bits that only the visitor's own page ever held."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anonymous"


def run_once(scope: str, key: str, purpose: str, make: Callable[[], str]) -> tuple[str, bool]:
    """Call `make` (which creates something and returns the address to show it) once per (scope, key).

    Returns (address, True) when this call made it, or (the first call's address, False) when the key was used.
    `make` runs in the transaction that holds the key; an exception from it rolls both back and is raised.
    """
    try:
        with transaction.atomic():
            done = _claim(scope, key, purpose)
            if done is not None:
                return done.url, False
            url = make()
            Key.objects.filter(scope=scope, key=key).update(result_url=url)
            return url, True
    except IntegrityError:
        done = lookup(scope, key)
        if done is None:  # the unique index did not refuse us: this is an error of the action itself
            raise
        return done.url, False


def claim(scope: str, key: str, purpose: str, request_hash: str = "") -> Done | None:
    """For the API: take the key inside the caller's transaction, or return what the first request answered.

    The caller must be in a transaction and call `store_response` in it once it has its answer. A key whose
    first request is still running (no stored answer yet) returns a Done with status None.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("idempotency.claim must be called inside the transaction that makes the change")
    return _claim(scope, key, purpose, request_hash)


def store_response(scope: str, key: str, status: int, body: str) -> None:
    Key.objects.filter(scope=scope, key=key).update(response_status=status, response_body=body)


def lookup(scope: str, key: str) -> Done | None:
    row = Key.objects.filter(scope=scope, key=key).first()
    if row is None:
        return None
    return Done(row.result_url, row.response_status, row.response_body, row.request_hash)


def forget_old(now: dt.datetime | None = None) -> int:
    """Delete keys older than KEEP_DAYS (they hold who sent what, and nobody double-clicks for two days)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    deleted, _ = Key.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _claim(scope: str, key: str, purpose: str, request_hash: str = "") -> Done | None:
    existing = lookup(scope, key)
    if existing is not None:
        return existing
    with transaction.atomic():  # a savepoint: on PostgreSQL the insert waits for a concurrent holder of the key
        Key.objects.create(scope=scope, key=key, purpose=purpose[:80], request_hash=request_hash)
    return None
