"""The case flow: send, accept, forward, answer, overdue flag, purge."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import hash_token
from krokarm.actors.models import Actor
from krokarm.audit.cache import data_version
from krokarm.audit.models import AuditEntry
from krokarm.cases import actions
from krokarm.cases.models import Case, CaseEvent
from krokarm.cases.tests.factories import coordinator, make_case, officer_of, send_case
from krokarm.outbox.tests.factories import deliver, queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _steps_in_a_row() -> Any:
    """These tests take a case through several steps; each step re-reads the case under a lock,
    which the N+1 detector would count as a loop. Views, where it matters, keep the detector."""
    with zeal_ignore():
        yield


def test_a_sent_question_gets_a_reference_number_and_an_unguessable_link() -> None:
    sent, other = send_case(), send_case()
    first, second = sent.case, other.case
    year = timezone.localtime(first.created_at).year
    assert re.fullmatch(rf"VI-{year}-\d{{6}}", first.reference or "")
    assert first.reference != second.reference
    assert len(sent.key) >= 40 and sent.key != other.key
    assert sent.status_url == f"/fraga/arende/{sent.key}/"
    assert first.status == Case.Status.WAITING
    assert [e.kind for e in first.events.all()] == [CaseEvent.Kind.SUBMITTED]


def test_the_database_holds_only_the_hash_of_the_key_to_the_status_page() -> None:
    sent = send_case(email="asker@example.se")
    assert Case.objects.get().token_hash == hash_token(sent.key) != sent.key
    rows = [list(model.objects.values_list()) for model in (Case, CaseEvent, AuditEntry)]
    assert sent.key not in repr(rows)
    # Only the receipt on its way to the asker carries it.
    assert [m.purpose for m in queued() if sent.key in m.body] == ["case.submitted"]


def test_sending_records_a_private_audit_row_that_leaves_the_page_cache_alone() -> None:
    version = data_version()
    case = make_case()
    row = AuditEntry.objects.get(target_type="cases.case", target_id=str(case.pk), action="case.submitted")
    assert row.public is False and row.organisation is not None and row.organisation.slug == "arbetsformedlingen"
    assert "question" not in row.changes and "email" not in row.changes
    assert data_version() == version


def test_the_deadline_to_accept_counts_working_days_only(settings: Any) -> None:
    settings.CASE_ACCEPT_WORKING_DAYS = 3
    friday = timezone.make_aware(dt.datetime(2026, 12, 18, 15, 0))
    due = actions.accept_deadline(friday)
    # 21, 22 and 23 December are the three working days; 24 December (julafton) is not.
    assert timezone.localtime(due).date() == dt.date(2026, 12, 23)


def test_the_asker_and_the_actor_mailbox_are_told_when_a_question_is_sent() -> None:
    actor = Actor.objects.get(slug="arbetsformedlingen")
    actor.case_email = "fragor@arbetsformedlingen.example"
    actor.save(update_fields=["case_email"])
    sent = send_case(email="asker@example.se")
    case = sent.case
    # Stored with the case, sent by the worker: nothing has gone to a mail server yet.
    assert sorted((m.recipients[0], m.purpose) for m in queued()) == [
        ("asker@example.se", "case.submitted"),
        ("fragor@arbetsformedlingen.example", "case.new_for_actor"),
    ]
    assert mail.outbox == []
    assert deliver().sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["asker@example.se", "fragor@arbetsformedlingen.example"]
    receipt = next(m for m in mail.outbox if m.to == ["asker@example.se"])
    assert str(case.reference) in str(receipt.subject)
    assert f"{settings.SITE_URL}{sent.status_url}\n" in receipt.body
    notice = next(m for m in mail.outbox if m.to != ["asker@example.se"])
    assert "asker@example.se" not in notice.body and case.staff_url in notice.body


def test_no_email_is_sent_when_nobody_gave_an_address() -> None:
    make_case()
    assert queued() == []
    deliver()
    assert mail.outbox == []


def test_accepting_moves_the_case_to_in_progress_once() -> None:
    case = make_case()
    officer = officer_of("arbetsformedlingen")
    actions.accept_case(case, user=officer)
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS and case.accepted_at is not None
    with pytest.raises(actions.CaseError):
        actions.accept_case(case, user=officer)
    assert case.events.filter(kind=CaseEvent.Kind.ACCEPTED).count() == 1


def test_forwarding_keeps_the_case_and_records_the_reason() -> None:
    case = make_case(email="asker@example.se")
    reference, token_hash = case.reference, case.token_hash
    officer = officer_of("arbetsformedlingen")
    actions.accept_case(case, user=officer)
    csn = Actor.objects.get(slug="csn")
    actions.forward_case(case, user=officer, to_actor=csn, reason="Frågan gäller studiemedel.")
    case.refresh_from_db()
    assert (case.reference, case.token_hash, case.actor) == (reference, token_hash, csn)
    assert case.status == Case.Status.WAITING and case.accepted_at is None
    event = case.events.get(kind=CaseEvent.Kind.FORWARDED)
    assert event.actor is not None and event.actor.slug == "arbetsformedlingen"
    assert event.to_actor == csn and event.text == "Frågan gäller studiemedel."
    audit = AuditEntry.objects.get(action="case.forwarded", target_id=str(case.pk))
    assert audit.changes["actor"] == ["Arbetsförmedlingen", csn.name] and audit.user == officer
    assert [m.purpose for m in queued(recipients=["asker@example.se"])] == [
        "case.submitted",
        "case.accepted",
        "case.forwarded",
    ]
    deliver()
    assert any("vidare" in m.subject for m in mail.outbox if m.to == ["asker@example.se"])


def test_later_emails_to_the_asker_point_to_the_link_in_the_receipt_which_only_it_carries() -> None:
    sent = send_case(email="asker@example.se")
    actions.forward_case(sent.case, user=None, to_actor=Actor.objects.get(slug="csn"), reason="Studiemedel.")
    actions.answer_case(sent.case, user=None, answer="Ja.")
    deliver()
    bodies = {m.subject.split(" (")[0]: m.body for m in mail.outbox}
    assert f"{settings.SITE_URL}{sent.status_url}\n" in bodies["Din fråga har skickats"]
    for later in ("Din fråga har skickats vidare", "Du har fått svar på din fråga"):
        assert "länken i kvittot du fick när du skickade frågan" in bodies[later]
        assert "/fraga/arende/" not in bodies[later]


def test_a_case_cannot_be_forwarded_to_the_actor_that_has_it() -> None:
    case = make_case()
    with pytest.raises(actions.CaseError):
        actions.forward_case(case, user=None, to_actor=case.actor, reason="x")


def test_answering_closes_the_case_and_tells_the_asker() -> None:
    case = make_case(email="asker@example.se")
    officer = officer_of("arbetsformedlingen")
    actions.answer_case(case, user=officer, answer="Kontakta oss på telefon 0771-416 416.")
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWERED and case.answered_at is not None
    # Answering a case nobody had accepted accepts it first, so the history has no gap.
    assert [e.kind for e in case.events.all()] == ["skickat", "mottaget", "besvarat"]
    assert [m.purpose for m in queued(recipients=["asker@example.se"])] == ["case.submitted", "case.answered"]
    deliver()
    answer_mail = next(m for m in mail.outbox if m.to == ["asker@example.se"] and "svar" in m.subject)
    assert "0771-416 416" in answer_mail.body
    with pytest.raises(actions.CaseError):
        actions.answer_case(case, user=officer, answer="Igen")
    with pytest.raises(actions.CaseError):
        actions.forward_case(case, user=officer, to_actor=Actor.objects.get(slug="csn"), reason="x")


def test_a_case_nobody_accepts_in_time_is_flagged_to_coordinators_once() -> None:
    boss = coordinator()
    late, on_time, accepted = make_case(), make_case(), make_case()
    actions.accept_case(accepted, user=None)
    past = timezone.now() - dt.timedelta(hours=1)
    Case.objects.filter(pk__in=[late.pk, accepted.pk]).update(accept_by=past)
    flagged = actions.flag_overdue_cases()
    assert [c.pk for c in flagged] == [late.pk]
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.flagged_at is not None and on_time.flagged_at is None
    assert late.events.filter(kind=CaseEvent.Kind.FLAGGED).count() == 1
    assert [(m.recipients, m.purpose) for m in queued()] == [([boss.email], "case.overdue")]
    deliver()
    assert [m.to for m in mail.outbox] == [[boss.email]]
    assert str(late.reference) in str(mail.outbox[0].body)
    assert actions.flag_overdue_cases() == []  # running again flags nothing twice


def test_forwarding_a_flagged_case_gives_the_new_actor_a_fresh_deadline() -> None:
    case = make_case()
    Case.objects.filter(pk=case.pk).update(accept_by=timezone.now() - dt.timedelta(days=1))
    actions.flag_overdue_cases()
    actions.forward_case(case, user=coordinator(), to_actor=Actor.objects.get(slug="csn"), reason="Rätt mottagare.")
    case.refresh_from_db()
    assert case.flagged_at is None and case.accept_by > timezone.now()


def test_personal_data_is_deleted_a_set_time_after_the_answer(settings: Any) -> None:
    settings.CASE_RETENTION_DAYS = 90
    old = make_case(email="a@example.se", question="Jag heter Anna och undrar om komvux")
    recent = make_case(email="b@example.se")
    still_open = make_case(email="c@example.se")
    officer = officer_of("arbetsformedlingen")
    actions.forward_case(old, user=officer, to_actor=Actor.objects.get(slug="csn"), reason="Anna bör fråga CSN")
    actions.answer_case(old, user=officer, answer="Hej Anna!")
    actions.answer_case(recent, user=officer, answer="Hej!")
    Case.objects.filter(pk=old.pk).update(answered_at=timezone.now() - dt.timedelta(days=91))
    Case.objects.filter(pk=still_open.pk).update(created_at=timezone.now() - dt.timedelta(days=400))

    assert actions.purge_personal_data() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert (old.question, old.answer, old.email) == ("", "", "") and old.purged_at is not None
    assert not old.events.exclude(text="").exists()
    assert old.events.filter(kind=CaseEvent.Kind.PURGED).count() == 1
    assert old.reference and old.actor.slug == "csn"  # the case itself stays, without personal data
    assert recent.email == "b@example.se" and still_open.email == "c@example.se"
    assert not AuditEntry.objects.filter(
        target_type="cases.case", target_id=str(old.pk), changes__icontains="Anna"
    ).exists()
    assert actions.purge_personal_data() == 0
