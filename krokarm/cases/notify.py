"""Telling people about cases. E-mail is queued in the outbox (krokarm/outbox) inside the transaction of the change
that causes it: the case and its e-mail are kept together, and the worker sends the e-mail, so a slow or absent mail
server never delays or breaks the page. Each function must be called inside that transaction.

Who is told what:
- the asker (when they left an address): an e-mail when the case is sent, accepted, forwarded and answered;
- the receiving actor's staff (every active member), when a case arrives (sent or forwarded to them): an in-app
  notification and, at once, an e-mail, because a case has a deadline to be accepted and cannot wait for the
  daily digest. The notification is written already marked e-mailed, so the digest does not send it again; the
  actor's functional mailbox (`case_email`) gets the same e-mail, and an address is e-mailed once however many
  ways it is reached;
- coordinators: one e-mail about the cases nobody accepted in time."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.accounts.queries import staff_of
from krokarm.actors.models import Actor
from krokarm.cases.models import Case
from krokarm.notifications.actions import notify_users
from krokarm.outbox.actions import queue_mail

# Told in-app to the receiving actor's staff; stored in Swedish (notifications.actions.notify_users).
NEW_CASE = gettext_lazy("Ny fråga till %(actor)s: ärende %(reference)s")
FORWARDED_CASE = gettext_lazy("%(from)s har skickat ärende %(reference)s vidare till %(actor)s")


def case_submitted(case: Case, status_url: str) -> None:
    """The receipt carries the status page's address: the only e-mail that can (the case stores only the hash of
    its key), so later e-mails point the asker to it."""
    _to_asker(case, "submitted", status_url=status_url)
    _to_actor(case, case.actor)


def case_accepted(case: Case) -> None:
    _to_asker(case, "accepted")


def case_forwarded(case: Case, from_actor: Actor, *, user: object = None) -> None:
    """`user` forwarded it; should they also work for the new actor, they need no notice of their own step."""
    _to_asker(case, "forwarded", from_actor=from_actor)
    _to_actor(case, case.actor, from_actor=from_actor, exclude=user)


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


def _to_actor(case: Case, actor: Actor, *, from_actor: Actor | None = None, exclude: object = None) -> None:
    """A case arrived at `actor`: each active member is notified in-app and e-mailed, and so is its case mailbox;
    each address once (one message each, so colleagues do not see each other's addresses)."""
    skip = getattr(exclude, "pk", None)
    staff = [user for user in staff_of([actor.pk]).get(actor.pk, []) if user.pk != skip]
    params = {"actor": actor.name, "reference": case.reference}
    if from_actor is None:
        notify_users(staff, NEW_CASE, case.staff_url, params=params, emailed=True)
    else:
        params["from"] = from_actor.name
        notify_users(staff, FORWARDED_CASE, case.staff_url, params=params, emailed=True)
    addresses: dict[str, str] = {}
    for address in [actor.case_email, *(user.email for user in staff)]:
        if address:
            addresses.setdefault(address.strip().lower(), address.strip())
    context = {"case": case, "actor": actor, "site": settings.SITE_URL, "from_actor": from_actor}
    for address in addresses.values():
        _send("actor_new", context, [address], settings.LANGUAGE_CODE, purpose="case.new_for_actor")


def _send(template: str, context: dict[str, object], recipients: list[str], language: str, *, purpose: str) -> None:
    with translation.override(language):
        subject, _, body = render_to_string(f"cases/email/{template}.txt", context).strip().partition("\n")
    queue_mail(to=recipients, subject=subject.strip(), body=body.strip() + "\n", purpose=purpose, language=language)
