from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "krokarm.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export

        register_export("api-nycklar", export_tokens, covers=["api.ApiToken"])


def export_tokens(user: Any) -> list[dict[str, Any]]:
    """The user's API tokens for their data download: names, visible prefixes and dates, never the hashes."""
    from krokarm.api.models import ApiToken

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": iso(token.created_at),
            "last_used_at": iso(token.last_used_at),
            "expires_at": iso(token.expires_at),
            "revoked_at": iso(token.revoked_at),
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    ]
