"""E-mail about cases, queued in the outbox (krokarm/outbox) inside the transaction of the change that causes it:
the case and its e-mail are kept together, and the worker sends the e-mail, so a slow or absent mail server never
delays or breaks the page. Each function must be called inside that transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from krokarm.accounts.models import User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.actors.models import Actor
from krokarm.cases.models import Case
from krokarm.outbox.actions import queue_mail


def case_submitted(case: Case, status_url: str) -> None:
    """The receipt carries the status page's address: the only e-mail that can (the case stores only the hash of
    its key), so later e-mails point the asker to it."""
    _to_asker(case, "submitted", status_url=status_url)
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
        _send("overdue", context, recipients, settings.LANGUAGE_CODE, purpose="case.overdue")


def _to_asker(case: Case, template: str, **extra: object) -> None:
    if case.email:
        context = {"case": case, "site": settings.SITE_URL, "retention_days": settings.CASE_RETENTION_DAYS, **extra}
        _send(f"asker_{template}", context, [case.email], case.language, purpose=f"case.{template}")


def _to_actor(case: Case, actor: Actor, template: str, **extra: object) -> None:
    if actor.case_email:
        context = {"case": case, "actor": actor, "site": settings.SITE_URL, **extra}
        _send(
            f"actor_{template}",
            context,
            [actor.case_email],
            settings.LANGUAGE_CODE,
            purpose=f"case.{template}_for_actor",
        )


def _send(template: str, context: dict[str, object], recipients: list[str], language: str, *, purpose: str) -> None:
    with translation.override(language):
        subject, _, body = render_to_string(f"cases/email/{template}.txt", context).strip().partition("\n")
    queue_mail(to=recipients, subject=subject.strip(), body=body.strip() + "\n", purpose=purpose, language=language)
