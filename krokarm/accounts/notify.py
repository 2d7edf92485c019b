"""E-mail about accounts, sent after the change has committed. A failed send is logged, never raised: the
admin sees the invitation in the members list and can send it again."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

if TYPE_CHECKING:
    from krokarm.accounts.models import Invitation

log = logging.getLogger(__name__)


def invitation(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + reverse("accounts:invitation", args=[token]),
        "days": settings.INVITATION_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject, _, body = render_to_string("accounts/email/invitation.txt", context).strip().partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", None, [invitation.email])
    except Exception:  # an unreachable mail server must not turn a saved invitation into an error page
        log.exception("could not send the invitation e-mail for invitation %s", invitation.pk)
