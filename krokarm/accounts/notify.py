"""E-mail about accounts, queued in the outbox (krokarm/outbox) inside the transaction of the change that causes
it; the worker sends it. Each function must be called inside that transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from krokarm.outbox.actions import queue_mail

if TYPE_CHECKING:
    from krokarm.accounts.models import Invitation


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
