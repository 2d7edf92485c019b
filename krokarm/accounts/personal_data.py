"""What each app holds about a person, for "Ladda ner mina uppgifter" (GDPR art. 15 and 20).

An app that stores data about a user registers one function that returns it as plain JSON-able data
(dicts, lists, strings, numbers, ISO dates), usually from its AppConfig.ready:

    from krokarm.accounts.personal_data import register_export

    register_export("notifications", lambda user: {...})

The account page's download calls `export(user)`, which gathers every section under its name.
Deleting an account ("Radera mitt konto") is done by `accounts.actions.delete_account`; data that must go
with the person either cascades from the user row or is cleared there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]

_exporters: dict[str, Exporter] = {}


def register_export(section: str, exporter: Exporter) -> None:
    """Add `section` to every user's data download; `exporter(user)` returns JSON-able data."""
    if section in _exporters and _exporters[section] is not exporter:
        raise ValueError(f"The personal-data section {section!r} is already registered")
    _exporters[section] = exporter


def sections() -> list[str]:
    return sorted(_exporters)


def export(user: Any) -> dict[str, Any]:
    """Everything the platform holds about `user`, one entry per registered section, sorted by name."""
    return {section: _exporters[section](user) for section in sections()}


# What the accounts app itself holds (registered in AccountsConfig.ready).


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def account(user: Any) -> dict[str, Any]:
    """The account's own fields and its authenticator apps; never the password hash nor an app's key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    devices = TOTPDevice.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "two_factor_apps": [
            {"name": device.name, "created_at": _iso(device.created_at), "last_used_at": _iso(device.last_used_at)}
            for device in devices
        ],
    }


def organisations(user: Any) -> list[dict[str, Any]]:
    """The organisations the user works for, and in which role."""
    affiliations = user.affiliations.select_related("actor").order_by("actor__name")
    return [
        {"organisation": a.actor.name, "slug": a.actor.slug, "role": a.role, "role_name": str(a.get_role_display())}
        for a in affiliations
    ]


def invitations(user: Any) -> list[dict[str, Any]]:
    """The invitations the user sent (to whom, to which organisation, in which role, and what became of them)."""
    from krokarm.accounts.models import Invitation

    sent = Invitation.objects.filter(invited_by=user).select_related("actor").order_by("created_at", "pk")
    return [
        {
            "email": invitation.email,
            "organisation": invitation.actor.name,
            "role": invitation.role,
            "sent_at": _iso(invitation.created_at),
            "expires_at": _iso(invitation.expires_at),
            "accepted_at": _iso(invitation.accepted_at),
        }
        for invitation in sent
    ]
