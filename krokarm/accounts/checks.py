"""System checks (`krokarm check`, and so `check --deploy`) for how people sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security)
def single_sign_on_is_configured_whole_or_not_at_all(**kwargs: Any) -> list[CheckMessage]:
    """OIDC_RP_CLIENT_ID turns single sign-on on; without the rest it stays off (settings.OIDC_MISSING)."""
    missing = getattr(settings, "OIDC_MISSING", ())
    if not missing:
        return []
    return [
        Error(
            f"Single sign-on is half configured: OIDC_RP_CLIENT_ID is set but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not. Sign-in with the provider is off; password sign-in works.",
            hint="Set the missing variables from the provider's /.well-known/openid-configuration "
            "(docs/operations.md, 'Single sign-on'), or unset OIDC_RP_CLIENT_ID.",
            id="accounts.E001",
        )
    ]
