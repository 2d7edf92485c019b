"""E-mail about accounts, queued in the outbox (krokarm/outbox) inside the transaction of the change that causes
it; the worker sends it. Each function must be called inside that transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from krokarm.outbox.actions import queue_mail

if TYPE_CHECKING:
    from krokarm.accounts.models import Invitation, User


def invitation(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + reverse("accounts:invitation", args=[token]),
        "days": settings.INVITATION_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject, _, body = render_to_string("accounts/email/invitation.txt", context).strip().partition("\n")
    queue_mail(
        to=[invitation.email],
        subject=subject.strip(),
        body=body.strip() + "\n",
        purpose="account.invitation",
        language=settings.LANGUAGE_CODE,
    )


def _mail(to: str, template: str, context: dict[str, object], purpose: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject, _newline, body = render_to_string(template, context).strip().partition("\n")
    queue_mail(
        to=[to], subject=subject.strip(), body=body.strip() + "\n", purpose=purpose, language=settings.LANGUAGE_CODE
    )


def two_factor_reset(user: User) -> None:
    """Tell `user`, by e-mail and in their notifications, that someone else disconnected their app."""
    from krokarm.notifications.actions import notify_user

    link = settings.SITE_URL + reverse("accounts:password-reset")
    if user.email:
        _mail(user.email, "accounts/email/two_factor_reset.txt", {"link": link}, "account.two_factor_reset")
    text = _(
        "Din tvåstegsverifiering har återställts. Nästa gång du loggar in skickar vi en länk till din e-post "
        "innan du kan koppla en ny app."
    )
    notify_user(user, text, reverse("accounts:account"))


def two_factor_link(user: User, token: str, *, minutes: int) -> None:
    """E-mail `user` the link that lets the session they signed in with connect a new app after a reset."""
    link = settings.SITE_URL + reverse("accounts:two-factor-link", args=[token])
    context = {"link": link, "minutes": minutes}
    _mail(user.email, "accounts/email/two_factor_link.txt", context, "account.two_factor_link")
