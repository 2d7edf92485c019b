"""Everyone who must act on a case is told (issue 17, point 4). Personas: the receiving organisation's member, a
member of another organisation, and the asker without an account (an address, or none)."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.cases import actions
from krokarm.cases.models import Case
from krokarm.cases.tests.factories import make_case, officer_of
from krokarm.notifications.actions import send_digests
from krokarm.notifications.models import Notification
from krokarm.outbox.tests.factories import queued

pytestmark = pytest.mark.django_db

ASKER = "asker@example.se"


@pytest.fixture(autouse=True)
def _steps_in_a_row() -> Any:
    """Several steps in a row, each re-reading the case under a lock (see test_actions)."""
    with zeal_ignore():
        yield


def to(address: str) -> list[str]:
    return [message.purpose for message in queued() if message.recipients == [address]]


def test_a_new_case_tells_each_active_member_in_app_and_by_email_and_the_mailbox_once() -> None:
    member, colleague = officer_of("arbetsformedlingen"), officer_of("arbetsformedlingen", email="Inkorg@AF.example.se")
    gone = officer_of("arbetsformedlingen", is_active=False)
    other = officer_of("csn")
    Actor.objects.filter(slug="arbetsformedlingen").update(case_email="inkorg@af.example.se")
    case = make_case(email=ASKER)
    assert case.reference is not None
    told = Notification.objects.filter(text__contains=case.reference)
    assert sorted(told.values_list("user_id", flat=True)) == sorted([member.pk, colleague.pk])
    assert all(n.url == case.staff_url and n.emailed_at is not None for n in told)
    assert "Ny fråga till Arbetsförmedlingen" in told[0].text
    assert to(member.email) == ["case.new_for_actor"]
    # The mailbox and the colleague share an address (in another case): one e-mail.
    staff_mail = queued(purpose="case.new_for_actor")
    assert sorted(address.lower() for m in staff_mail for address in m.recipients) == sorted(
        [member.email, "inkorg@af.example.se"]
    )
    assert to(gone.email) == [] and to(other.email) == [] and not Notification.objects.filter(user=other).exists()
    assert to(ASKER) == ["case.submitted"]


def test_the_digest_does_not_email_a_case_notice_a_second_time() -> None:
    member = officer_of("arbetsformedlingen")
    make_case()
    send_digests("dagligen")
    assert to(member.email) == ["case.new_for_actor"]


def test_a_forwarded_case_tells_the_new_organisations_staff_and_the_asker_but_not_the_sender() -> None:
    sender, receiver = officer_of("arbetsformedlingen"), officer_of("csn")
    case = make_case(email=ASKER)
    Notification.objects.all().delete()
    actions.forward_case(case, user=sender, to_actor=Actor.objects.get(slug="csn"), reason="CSN beslutar.")
    (notice,) = Notification.objects.filter(text__contains="vidare till Centrala studiestödsnämnden")
    assert notice.user == receiver and notice.url == case.staff_url and notice.emailed_at is not None
    assert "Arbetsförmedlingen har skickat ärende" in notice.text
    assert to(receiver.email) == ["case.new_for_actor"]
    assert to(sender.email) == ["case.new_for_actor"]  # only the first arrival, at Arbetsförmedlingen
    assert to(ASKER) == ["case.submitted", "case.forwarded"]


def test_accepting_emails_the_asker_who_left_an_address() -> None:
    officer = officer_of("arbetsformedlingen")
    case = make_case(email=ASKER)
    actions.accept_case(case, user=officer)
    assert to(ASKER) == ["case.submitted", "case.accepted"]
    (accepted,) = queued(purpose="case.accepted")
    assert str(case.reference) in accepted.subject and "Arbetsförmedlingen har tagit emot din fråga" in accepted.body


def test_an_asker_without_an_address_gets_no_email_and_nothing_fails() -> None:
    officer = officer_of("arbetsformedlingen")
    case = make_case()
    actions.accept_case(case, user=officer)
    actions.answer_case(case, user=officer, answer="Ring oss.")
    assert not queued(purpose__in=["case.submitted", "case.accepted", "case.answered"])


def test_an_answer_without_a_separate_acceptance_sends_the_answer_only() -> None:
    officer = officer_of("arbetsformedlingen")
    case = make_case(email=ASKER)
    actions.answer_case(case, user=officer, answer="Ring oss på 0771-416 416.")
    assert to(ASKER) == ["case.submitted", "case.answered"]
    assert Case.objects.get(pk=case.pk).status == Case.Status.ANSWERED
