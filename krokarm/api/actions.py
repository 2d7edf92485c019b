"""Writes for API tokens: create, revoke and note their use. Creating and revoking leave private audit rows."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone

from krokarm.accounts.actions import hash_token
from krokarm.api.models import ApiToken
from krokarm.audit.actions import record

VALIDITY_DAYS = (30, 90, 365)
DEFAULT_VALIDITY_DAYS = 365
# Noting every request's time would be a write per request; a minute is precise enough to see a key in use.
LAST_USED_PRECISION = timedelta(minutes=1)


class NewToken(NamedTuple):
    """A token just made, and its key: the only moment the key exists outside the caller's hands."""

    token: ApiToken
    key: str


def create_token(user: Any, name: str, *, days: int = DEFAULT_VALIDITY_DAYS) -> NewToken:
    """Give `user` a new API key named `name`, valid for `days` (one of VALIDITY_DAYS).

    The caller must show the key to the user once and keep it nowhere: only its hash is stored.
    """
    if days not in VALIDITY_DAYS:
        raise ValueError(f"days must be one of {VALIDITY_DAYS}")
    key = ApiToken.PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            token_hash=hash_token(key),
            prefix=key[: ApiToken.VISIBLE_LENGTH],
            expires_at=timezone.now() + timedelta(days=days),
        )
        changes = {"name": [None, token.name], "expires_at": [None, token.expires_at.isoformat()]}
        record("api_token.created", token, changes=changes, source="web", user=user, public=False)
    return NewToken(token, key)


def revoke_token(token: ApiToken, *, by: Any) -> ApiToken:
    """Stop `token` from working from now on. The caller must have checked that `by` owns it
    (permissions.get_token_for_revoking). Revoking twice changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            changes = {"revoked_at": [None, token.revoked_at.isoformat()]}
            record("api_token.revoked", token, changes=changes, source="web", user=by, public=False)
    return token


def note_use(token: ApiToken) -> None:
    """Remember that `token` was just used, at most once per LAST_USED_PRECISION.

    Not audited: it is bookkeeping for the owner's list of keys (like Django's last_login), not a change
    anyone made.
    """
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
