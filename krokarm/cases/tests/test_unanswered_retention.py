"""A case never answered keeps the asker's question and address CASE_UNANSWERED_RETENTION_DAYS after its last step,
then `krokarm purge_personal_data` deletes them (as it does CASE_RETENTION_DAYS after an answer)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.audit.models import AuditEntry
from krokarm.cases import actions
from krokarm.cases.models import Case, CaseEvent
from krokarm.cases.tests.factories import make_case, officer_of

pytestmark = pytest.mark.django_db


def idle_since(case: Case, days: int) -> None:
    """Every step of `case` (and the case itself) happened `days` ago."""
    then = timezone.now() - dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(created_at=then)
    CaseEvent.objects.filter(case=case).update(at=then)


def forwarded(case: Case, reason: str) -> Case:
    with zeal_ignore():
        officer = officer_of("arbetsformedlingen")
        return actions.forward_case(case, user=officer, to_actor=Actor.objects.get(slug="csn"), reason=reason)


def test_an_unanswered_case_idle_past_the_rule_loses_its_question_address_and_reasons(settings: Any) -> None:
    settings.CASE_UNANSWERED_RETENTION_DAYS = 365
    idle = forwarded(make_case(email="anna@example.se", question="Jag heter Anna Berg"), "Anna Berg bör fråga CSN")
    idle_since(idle, 366)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "personal data deleted from 1 unanswered case(s) with no step for 365 days" in out.getvalue()
    idle.refresh_from_db()
    assert (idle.question, idle.email, idle.purged_at is not None) == ("", "", True)
    assert not idle.events.exclude(text="").exists()  # the forwarding reason is gone
    # Kept: the case with its reference, actor and status, its steps, and a private audit row of the purge.
    assert idle.reference and idle.actor.slug == "csn" and idle.status == Case.Status.WAITING
    kinds = list(idle.events.values_list("kind", flat=True))
    assert kinds == [CaseEvent.Kind.SUBMITTED, CaseEvent.Kind.FORWARDED, CaseEvent.Kind.PURGED]
    purged = AuditEntry.objects.get(action="case.purged", target_id=str(idle.pk))
    assert purged.source == "job" and not purged.public
    about_case = AuditEntry.objects.filter(target_type="cases.case", target_id=str(idle.pk))
    assert about_case.exists() and not about_case.filter(changes__icontains="Anna").exists()


def test_a_recently_active_unanswered_case_is_kept_whole(settings: Any) -> None:
    settings.CASE_UNANSWERED_RETENTION_DAYS = 365
    old_but_forwarded = make_case(email="bo@example.se", question="Min fråga")
    idle_since(old_but_forwarded, 400)
    forwarded(old_but_forwarded, "Bo bör fråga CSN")  # a step today: the year starts again
    young = make_case(email="cia@example.se")
    idle_since(young, 364)
    assert actions.purge_unanswered() == 0
    # Kept: the question, the address and the forwarding reason of both, untouched.
    old_but_forwarded.refresh_from_db()
    young.refresh_from_db()
    assert (old_but_forwarded.question, old_but_forwarded.email) == ("Min fråga", "bo@example.se")
    assert old_but_forwarded.events.filter(text="Bo bör fråga CSN").exists()
    assert young.email == "cia@example.se" and young.purged_at is None


def test_a_flag_from_the_platform_does_not_keep_a_forgotten_case_alive(settings: Any) -> None:
    settings.CASE_UNANSWERED_RETENTION_DAYS = 365
    case = make_case(email="dan@example.se")
    idle_since(case, 366)
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.FLAGGED)
    assert actions.purge_unanswered() == 1
    case.refresh_from_db()
    assert case.email == ""
    assert actions.purge_unanswered() == 0  # purged once only


def test_an_answered_case_is_left_to_the_answered_rule(settings: Any) -> None:
    settings.CASE_UNANSWERED_RETENTION_DAYS = 365
    settings.CASE_RETENTION_DAYS = 90
    case = make_case(email="eva@example.se")
    with zeal_ignore():
        actions.answer_case(case, user=officer_of("arbetsformedlingen"), answer="Svar")
    idle_since(case, 400)  # answered_at is today: 90 days have not passed since the answer
    assert actions.purge_unanswered() == 0
    case.refresh_from_db()
    assert case.email == "eva@example.se"  # kept until CASE_RETENTION_DAYS after the answer


def test_a_purged_unanswered_case_can_no_longer_be_answered(settings: Any) -> None:
    settings.CASE_UNANSWERED_RETENTION_DAYS = 365
    case = make_case(email="fia@example.se")
    idle_since(case, 366)
    actions.purge_unanswered()
    with pytest.raises(actions.CaseError, match="frågan och e-postadressen är raderade"):
        actions.answer_case(case, user=officer_of("arbetsformedlingen"), answer="Sent svar")
    case.refresh_from_db()
    # Kept: the case as it was purged, without an answer no purge would ever remove.
    assert case.answer == "" and case.status == Case.Status.WAITING
