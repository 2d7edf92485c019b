"""Who may do what with API tokens, and which token a request's key is.

A token acts with its user's own rights (actors.permissions decides what they may change); a person sees
and revokes only their own tokens.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.actions import hash_token
from krokarm.api.models import ApiToken


def token_for_key(key: str) -> ApiToken | None:
    """The usable token (not revoked, not expired, its user active) whose key is `key`, with its user."""
    if not key.startswith(ApiToken.PREFIX):
        return None
    return ApiToken.objects.usable().select_related("user").filter(token_hash=hash_token(key)).first()


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The tokens a person sees on their account page: their own, newest first."""
    return ApiToken.objects.filter(user=user)


def get_token_for_revoking(user: Any, pk: int) -> ApiToken:
    """One of `user`'s own tokens, or 404: someone else's token is never found, not even as forbidden."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404(_("Du har ingen sådan API-nyckel."))
    return token
