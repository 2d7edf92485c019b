"""What each app holds about a person, for "Ladda ner mina uppgifter" (GDPR art. 15 and 20).

An app that stores data about a user registers one function that returns it as plain JSON-able data
(dicts, lists, strings, numbers, ISO dates), usually from its AppConfig.ready:

    from krokarm.accounts.personal_data import register_export

    register_export("notifications", lambda user: {...}, covers=["notifications.Notification"])

`covers` names the models (app_label.ModelName) whose rows about the person the section exports: a test walks
every model that points at the user and fails for one that no section covers. A section holds the person's own
data only: never another person's name, address or words (GDPR art. 15.4: the copy must not adversely affect
the rights of others).

The account page's download calls `export(user)`, which gathers every section under its name.
Deleting an account ("Radera mitt konto") is done by `accounts.actions.delete_account`; data that must go
with the person either cascades from the user row or is cleared there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Exporter = Callable[[Any], Any]

_exporters: dict[str, Exporter] = {}
_covers: dict[str, set[str]] = {}


def register_export(section: str, exporter: Exporter, *, covers: Iterable[str] = ()) -> None:
    """Add `section` to every user's data download; `exporter(user)` returns JSON-able data. `covers` names the
    models ("app_label.ModelName") whose rows about the user it exports."""
    if section in _exporters and _exporters[section] is not exporter:
        raise ValueError(f"The personal-data section {section!r} is already registered")
    _exporters[section] = exporter
    _covers[section] = {label.lower() for label in covers}


def sections() -> list[str]:
    return sorted(_exporters)


def coverage() -> dict[str, list[str]]:
    """Model label (lower case) → the sections that export its rows about a person."""
    covered: dict[str, list[str]] = {}
    for section in sections():
        for label in _covers[section]:
            covered.setdefault(label, []).append(section)
    return covered


def export(user: Any) -> dict[str, Any]:
    """Everything the platform holds about `user`, one entry per registered section, sorted by name."""
    return {section: _exporters[section](user) for section in sections()}


# What the accounts app itself holds (registered in AccountsConfig.ready).


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def account(user: Any) -> dict[str, Any]:
    """The account's own fields, its authenticator apps and a pending reset of them; never the password hash, an
    app's key nor a link's checksum."""
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    from krokarm.accounts.models import TwoFactorReset

    devices = TOTPDevice.objects.filter(user=user).order_by("created_at", "pk")
    reset = TwoFactorReset.objects.filter(user=user).first()
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
        "two_factor_reset": None
        if reset is None
        else {"reset_at": _iso(reset.reset_at), "link_expires_at": _iso(reset.link_expires_at)},
    }


def organisations(user: Any) -> list[dict[str, Any]]:
    """The organisations the user works for, and in which role."""
    affiliations = user.affiliations.select_related("actor").order_by("actor__name")
    return [
        {"organisation": a.actor.name, "slug": a.actor.slug, "role": a.role, "role_name": str(a.get_role_display())}
        for a in affiliations
    ]


def invitations(user: Any) -> list[dict[str, Any]]:
    """That the user invited someone: to which organisation, in which role, and when. Not the invitee's address,
    nor whether they accepted: that is the other person's data (they can ask for it themselves)."""
    from krokarm.accounts.models import Invitation

    sent = Invitation.objects.filter(invited_by=user).select_related("actor").order_by("created_at", "pk")
    return [
        {
            "organisation": invitation.actor.name,
            "role": invitation.role,
            "sent_at": _iso(invitation.created_at),
            "expires_at": _iso(invitation.expires_at),
        }
        for invitation in sent
    ]


def sign_ins(user: Any) -> dict[str, Any]:
    """What the site keeps of the user's sign-ins: the last one, and django-axes' rows for what was typed as the
    account (the username or the e-mail address, folded as throttling.username folds them). A successful sign-in
    was the user's own, so its address and browser are shown; a failed one may have been anyone's (someone
    guessing the password), so only when it happened and whether it locked the account. Three queries."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]

    names = {name.strip().casefold() for name in (user.username, user.email) if name and name.strip()}
    successes = AccessLog.objects.filter(username__in=names).order_by("attempt_time", "pk")
    failures = AccessFailureLog.objects.filter(username__in=names).order_by("attempt_time", "pk")
    throttled = AccessAttempt.objects.filter(username__in=names).order_by("attempt_time", "pk")
    return {
        "last_login": _iso(user.last_login),
        "successful": [
            {
                "at": _iso(entry.attempt_time),
                "signed_out_at": _iso(entry.logout_time),
                "ip_address": entry.ip_address,
                "browser": entry.user_agent,
            }
            for entry in successes
        ],
        "failed": [{"at": _iso(entry.attempt_time), "locked_out": entry.locked_out} for entry in failures],
        "failed_recently": [
            {"last_at": _iso(entry.attempt_time), "failures": entry.failures_since_start} for entry in throttled
        ],
    }
