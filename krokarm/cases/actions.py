"""Writes to cases. Each action changes the case, adds the event the asker sees, writes a private
audit row (cases are not on public pages, so they leave the page cache alone) and queues e-mail in the
outbox in the same transaction (cases/notify.py); the worker sends it."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.accounts.actions import hash_token
from krokarm.actors.models import Actor
from krokarm.audit.actions import record
from krokarm.cases import notify
from krokarm.cases.models import Case, CaseEvent, status_url
from krokarm.cases.workdays import add_working_days
from krokarm.lib.errors import Refused
from krokarm.notifications.actions import notify_followers
from krokarm.regions.models import County

REFERENCE_PREFIX = "VI"


class CaseError(Refused):
    """A step that the case's state does not allow: answering a case that is already answered, or any step sent
    from a page that showed the case before someone else acted on it. The message says, in Swedish, what holds
    for the case now; pages answer 409 with it (and keep what the officer wrote), never 500."""


NOT_SAVED = _("Det du skickade sparades inte.")


def accept_deadline(start: dt.datetime) -> dt.datetime:
    """When a case sent (or forwarded) at `start` must have been accepted, in Swedish working days."""
    return add_working_days(timezone.localtime(start), settings.CASE_ACCEPT_WORKING_DAYS)


@dataclass(frozen=True)
class NewCase:
    """A case just sent, and the key to its status page: the only moment the key exists outside the asker's hands
    (the case stores its hash). Show `status_url` to the asker now; nobody can make it again."""

    case: Case
    key: str

    @property
    def status_url(self) -> str:
        return status_url(self.key)


def submit_case(
    *,
    question: str,
    actor: Actor,
    asker: str = "",
    county: County | None = None,
    municipality: Actor | None = None,
    email: str = "",
    language: str = "sv",
    source: str = "web",
) -> NewCase:
    """Send a question to `actor` as a new case with a reference number and a secret status link.

    The caller has validated the input (a question of at most 2,000 characters, an actor that
    exists). Sends a receipt with the link to `email` when given; the actor's staff are notified in-app and by
    e-mail, and so is its functional mailbox (notify.py). Returns the case with the key to its status page,
    which is stored only as a hash.
    """
    now = timezone.now()
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        case = Case.objects.create(
            token_hash=hash_token(key),
            question=question,
            asker=asker,
            county=county,
            municipality=municipality,
            email=email,
            language=language,
            actor=actor,
            accept_by=accept_deadline(now),
        )
        case.reference = f"{REFERENCE_PREFIX}-{timezone.localtime(case.created_at).year}-{case.pk:06d}"
        case.save(update_fields=["reference"])
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.SUBMITTED, to_actor=actor)
        changes = {"status": [None, case.status], "actor": [None, actor.name]}
        record("case.submitted", case, changes=changes, source=source, organisation=actor, public=False)
        notify.case_submitted(case, status_url(key))
    return NewCase(case, key)


def accept_case(case: Case, *, user: Any, source: str = "web", expected_version: int | None = None) -> Case:
    """The holding actor's staff take the case on. Only a case waiting to be accepted can be; with
    `expected_version` (the version the officer's page showed), only if nobody has acted on it since. The asker
    is e-mailed when they left an address (the send page promises it)."""
    with transaction.atomic():
        case = _locked(case, expected_version)
        if case.status != Case.Status.WAITING:
            raise too_late(case)
        _accept(case, user, source)
        notify_followers(case, _("Ärende %(label)s har tagits emot."), exclude=user)
        notify.case_accepted(case)
    return case


def answer_case(
    case: Case, *, user: Any, answer: str, source: str = "web", expected_version: int | None = None
) -> Case:
    """Answer the asker; this closes the case. A case not yet accepted is accepted first. With
    `expected_version`, refused (CaseError) when someone acted on the case after the officer's page showed it."""
    with transaction.atomic():
        case = _locked(case, expected_version)
        if not case.is_open:
            raise too_late(case)
        if case.status == Case.Status.WAITING:
            _accept(case, user, source)
        case.status = Case.Status.ANSWERED
        case.answer = answer
        case.answered_at = timezone.now()
        case.version += 1
        case.save(update_fields=["status", "answer", "answered_at", "version"])
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ANSWERED, actor=case.actor, user=user)
        changes = {"status": [Case.Status.IN_PROGRESS, case.status]}
        record("case.answered", case, changes=changes, source=source, user=user, organisation=case.actor, public=False)
        notify_followers(case, _("Ärende %(label)s är besvarat och avslutat."), exclude=user)
        notify.case_answered(case)
    return case


def forward_case(
    case: Case,
    *,
    user: Any,
    to_actor: Actor,
    reason: str,
    source: str = "web",
    expected_version: int | None = None,
) -> Case:
    """Hand an open case to another actor with a reason the asker sees. The case keeps its
    reference, history and status link; the new actor gets the full time to accept it. With
    `expected_version`, refused (CaseError) when someone acted on the case after the officer's page showed it:
    two officers forwarding at once never send it twice."""
    with transaction.atomic():
        case = _locked(case, expected_version)
        if not case.is_open:
            raise too_late(case)
        if to_actor.pk == case.actor_id:
            raise CaseError(_("Ärendet ligger redan hos %(actor)s.") % {"actor": to_actor.name})
        from_actor = case.actor
        old_status = case.status
        now = timezone.now()
        case.actor = to_actor
        case.status = Case.Status.WAITING
        case.accepted_at = None
        case.flagged_at = None
        case.accept_by = accept_deadline(now)
        case.version += 1
        case.save(update_fields=["actor", "status", "accepted_at", "flagged_at", "accept_by", "version"])
        CaseEvent.objects.create(
            case=case, kind=CaseEvent.Kind.FORWARDED, actor=from_actor, to_actor=to_actor, user=user, text=reason
        )
        changes = {"actor": [from_actor.name, to_actor.name], "status": [old_status, case.status]}
        record("case.forwarded", case, changes=changes, source=source, user=user, organisation=from_actor, public=False)
        notify_followers(
            case, _("Ärende %(label)s har skickats vidare till %(to)s."), exclude=user, params={"to": to_actor.name}
        )
        notify.case_forwarded(case, from_actor, user=user)
    return case


def flag_overdue_cases(now: dt.datetime | None = None) -> list[Case]:
    """Flag every case nobody has accepted by its deadline, once, and tell the coordinators.

    Safe to run as often as wanted: a flagged case is not flagged again until it is forwarded.
    """
    now = now or timezone.now()
    flagged = []
    with transaction.atomic():
        overdue = (
            Case.objects.select_for_update()
            .select_related("actor")
            .filter(status=Case.Status.WAITING, accept_by__lt=now, flagged_at__isnull=True)
            .order_by("accept_by")
        )
        for case in overdue:
            case.flagged_at = now
            case.save(update_fields=["flagged_at"])
            CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.FLAGGED, actor=case.actor)
            record("case.flagged", case, changes={"flagged_at": [None, str(now)]}, source="job", public=False)
            flagged.append(case)
        if flagged:
            notify.cases_overdue(flagged)
    return flagged


def purge_personal_data(now: dt.datetime | None = None, after_days: int | None = None) -> int:
    """Delete the personal data of cases answered more than `after_days` ago (default
    settings.CASE_RETENTION_DAYS): the question, the answer, the e-mail address and the
    forwarding reasons. The reference, the actors, the dates and the steps remain, without text."""
    now = now or timezone.now()
    days = settings.CASE_RETENTION_DAYS if after_days is None else after_days
    cutoff = now - dt.timedelta(days=days)
    count = 0
    with transaction.atomic():
        due = Case.objects.select_for_update().filter(
            status=Case.Status.ANSWERED, answered_at__lt=cutoff, purged_at__isnull=True
        )
        for case in due:
            _purge(case, now)
            count += 1
    return count


# The steps that count as activity on a case: someone sending, accepting or forwarding it. Flagging an overdue case
# is the platform's own reminder, and does not keep a forgotten case alive.
ACTIVITY = (CaseEvent.Kind.SUBMITTED, CaseEvent.Kind.ACCEPTED, CaseEvent.Kind.FORWARDED)


def purge_unanswered(now: dt.datetime | None = None, after_days: int | None = None) -> int:
    """Delete the personal data of cases never answered whose last step (sent, accepted or forwarded) is more than
    `after_days` ago (default settings.CASE_UNANSWERED_RETENTION_DAYS), as `purge_personal_data` does for answered
    ones. The case keeps its reference, actor, status and steps: the counts stay right and staff see that it was
    left unanswered. Returns how many cases were purged."""
    now = now or timezone.now()
    days = settings.CASE_UNANSWERED_RETENTION_DAYS if after_days is None else after_days
    cutoff = now - dt.timedelta(days=days)
    count = 0
    with transaction.atomic():
        recent = CaseEvent.objects.filter(kind__in=ACTIVITY, at__gte=cutoff).values("case_id")
        due = (
            Case.objects.select_for_update()
            .exclude(status=Case.Status.ANSWERED)
            .filter(purged_at__isnull=True, created_at__lt=cutoff)
            .exclude(pk__in=recent)
        )
        for case in due:
            _purge(case, now)
            count += 1
    return count


def _purge(case: Case, now: dt.datetime) -> None:
    case.question = ""
    case.answer = ""
    case.email = ""
    case.purged_at = now
    case.save(update_fields=["question", "answer", "email", "purged_at"])
    case.events.exclude(text="").update(text="")
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.PURGED)
    record("case.purged", case, changes={"personal_data": ["kept", "deleted"]}, source="job", public=False)


def _locked(case: Case, expected_version: int | None = None) -> Case:
    """The case re-read under a row lock, so two staff acting at once cannot both succeed: the second waits for
    the first to commit, then finds the case moved on (a new version) and is refused with what holds now.

    The row is read without joining its actor: PostgreSQL re-checks a locked row that changed while it waited
    against the join, so a case forwarded meanwhile (a new actor_id) would vanish from the result (the 500 of
    issue 14), and FOR UPDATE would lock the actor's row too."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.purged_at is not None:
        # Only a case left unanswered is purged while open (purge_unanswered); an answer written now would keep
        # text that no later purge removes, and there is no address left to send it to.
        raise CaseError(
            _("Ärende %(reference)s kan inte längre hanteras: frågan och e-postadressen är raderade.")
            % {"reference": case.reference}
        )
    if expected_version is not None and case.version != expected_version:
        raise too_late(case)
    return case


def too_late(case: Case) -> CaseError:
    """The refusal for a step that came after someone else's: it says what happened to the case (the case read
    under the lock). Steps move a case on in one way each: accepting makes it in progress, answering answered,
    and forwarding makes it wait again (at the new actor)."""
    params = {"reference": case.reference, "actor": case.actor.name}
    if case.status == Case.Status.ANSWERED:
        done = _("Ärende %(reference)s är redan besvarat och avslutat av %(actor)s.") % params
    elif case.status == Case.Status.IN_PROGRESS:
        done = _("Ärende %(reference)s har redan tagits emot av %(actor)s.") % params
    else:
        done = _("Ärende %(reference)s har redan skickats vidare till %(actor)s.") % params
    return CaseError(f"{done} {NOT_SAVED}")


def _accept(case: Case, user: Any, source: str) -> None:
    case.status = Case.Status.IN_PROGRESS
    case.accepted_at = timezone.now()
    case.version += 1
    case.save(update_fields=["status", "accepted_at", "version"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ACCEPTED, actor=case.actor, user=user)
    changes = {"status": [Case.Status.WAITING, case.status]}
    record("case.accepted", case, changes=changes, source=source, user=user, organisation=case.actor, public=False)
