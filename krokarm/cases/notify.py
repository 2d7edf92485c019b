"""E-mail about cases, sent after the change has committed. A failed send is logged, never raised:
the case itself is safe in the database and visible in the inbox and on the status page."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from krokarm.accounts.models import User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.actors.models import Actor
from krokarm.cases.models import Case

log = logging.getLogger(__name__)


def case_submitted(case: Case) -> None:
    _to_asker(case, "submitted")
    _to_actor(case, case.actor, "new")


def case_forwarded(case: Case, from_actor: Actor) -> None:
    _to_asker(case, "forwarded", from_actor=from_actor)
    _to_actor(case, case.actor, "new", from_actor=from_actor)


def case_answered(case: Case) -> None:
    _to_asker(case, "answered")


def cases_overdue(cases: Iterable[Case]) -> None:
    cases = list(cases)
    recipients = list(
        User.objects.filter(
            Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=COORDINATORS_GROUP), is_active=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if cases and recipients:
        context = {"cases": cases, "site": settings.SITE_URL, "days": settings.CASE_ACCEPT_WORKING_DAYS}
        _send("overdue", context, recipients, settings.LANGUAGE_CODE)


def _to_asker(case: Case, template: str, **extra: object) -> None:
    if case.email:
        context = {"case": case, "site": settings.SITE_URL, "retention_days": settings.CASE_RETENTION_DAYS, **extra}
        _send(f"asker_{template}", context, [case.email], case.language)


def _to_actor(case: Case, actor: Actor, template: str, **extra: object) -> None:
    if actor.case_email:
        context = {"case": case, "actor": actor, "site": settings.SITE_URL, **extra}
        _send(f"actor_{template}", context, [actor.case_email], settings.LANGUAGE_CODE)


def _send(template: str, context: dict[str, object], recipients: list[str], language: str) -> None:
    with translation.override(language):
        subject, _, body = render_to_string(f"cases/email/{template}.txt", context).strip().partition("\n")
    try:
        send_mail(subject.strip(), body.strip() + "\n", None, recipients)
    except Exception:  # an unreachable mail server must not turn a saved case into an error page
        log.exception("could not send %s e-mail for cases", template)
