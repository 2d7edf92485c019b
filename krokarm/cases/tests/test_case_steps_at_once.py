"""Officers acting on the same case at the same time: one step wins, the other gets 409 with what holds now and
keeps what they wrote; never a 500, never a step done twice (issue 14: two officers forwarding at the same
instant got one 302 and one 500)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.audit.models import AuditEntry
from krokarm.cases import actions
from krokarm.cases.models import Case, CaseEvent
from krokarm.cases.tests.factories import coordinator, make_case, officer_of
from krokarm.lib.errors import Refused
from krokarm.lib.testing import at_once, returned


def signed_in(user: Any) -> Client:
    client = Client()
    with zeal_ignore():
        client.force_login(user)
    return client


def post(client: Client, name: str, case: Case, data: dict[str, Any] | None = None) -> Any:
    return client.post(reverse(name, args=[case.reference]), {"version": case.version, **(data or {})})


# Races: two requests started at the same instant on their own threads and connections, on a committed copy of the
# seeded database.


@pytest.mark.usefixtures("committed_db")
def test_two_officers_accepting_at_once_get_one_success_and_one_409() -> None:
    case = make_case()
    first, second = signed_in(officer_of("arbetsformedlingen")), signed_in(officer_of("arbetsformedlingen"))
    responses = returned(at_once(lambda: post(first, "cases:accept", case), lambda: post(second, "cases:accept", case)))
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "har redan tagits emot av Arbetsförmedlingen" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS and case.version == 2
    assert case.events.filter(kind=CaseEvent.Kind.ACCEPTED).count() == 1  # kept: one acceptance, one audit row
    assert AuditEntry.objects.filter(action="case.accepted", target_id=str(case.pk)).count() == 1


@pytest.mark.usefixtures("committed_db")
def test_two_officers_forwarding_at_once_get_one_success_and_one_409_with_the_reason_kept() -> None:
    case = make_case()
    officer_of("csn")  # someone works at CSN, so it can receive the case
    first, second = signed_in(officer_of("arbetsformedlingen")), signed_in(officer_of("arbetsformedlingen"))
    responses = returned(
        at_once(
            lambda: post(first, "cases:forward", case, {"to_actor": "csn", "reason": "Det gäller studiemedel."}),
            lambda: post(second, "cases:forward", case, {"to_actor": "csn", "reason": "CSN beslutar om lånet."}),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    assert "har redan skickats vidare till Centrala studiestödsnämnden" in refused
    case.refresh_from_db()
    assert case.actor.slug == "csn" and case.version == 2
    (event,) = case.events.filter(kind=CaseEvent.Kind.FORWARDED)  # forwarded once
    # The refused officer no longer sees the case (it is CSN's now) but gets back what they wrote.
    other_reason = {"Det gäller studiemedel.", "CSN beslutar om lånet."} - {event.text}
    assert other_reason.pop() in refused and case.question not in refused


@pytest.mark.usefixtures("committed_db")
def test_answering_and_forwarding_at_once_do_one_of_them_and_keep_the_other_officers_text() -> None:
    case = make_case()
    officer_of("csn")  # someone works at CSN, so it can receive the case
    answerer, forwarder = signed_in(officer_of("arbetsformedlingen")), signed_in(coordinator())
    answer, forward = returned(
        at_once(
            lambda: post(answerer, "cases:answer", case, {"answer": "Ring oss på 0771-416 416."}),
            lambda: post(forwarder, "cases:forward", case, {"to_actor": "csn", "reason": "Rätt mottagare."}),
        )
    )
    assert sorted([answer.status_code, forward.status_code]) == [302, 409]
    case.refresh_from_db()
    if answer.status_code == 302:
        assert case.status == Case.Status.ANSWERED and case.actor.slug == "arbetsformedlingen"
        assert "Rätt mottagare." in forward.content.decode()  # kept, shown to the coordinator
        assert not case.events.filter(kind=CaseEvent.Kind.FORWARDED).exists()
    else:
        assert case.status == Case.Status.WAITING and case.actor.slug == "csn" and case.answer == ""
        assert "Ring oss på 0771-416 416." in answer.content.decode()
        assert not case.events.filter(kind=CaseEvent.Kind.ANSWERED).exists()


# The same, one after the other: a step sent from a page that showed the case before someone else acted.


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_refused_step_is_a_409_refusal_with_a_swedish_message() -> None:
    case = make_case()
    with zeal_ignore(), pytest.raises(actions.CaseError) as refused:
        actions.accept_case(case, user=None)
        actions.accept_case(case, user=None)
    assert isinstance(refused.value, Refused) and refused.value.status == 409
    assert refused.value.message.startswith(f"Ärende {case.reference} har redan tagits emot av Arbetsförmedlingen.")


@pytest.mark.django_db
def test_a_step_from_a_page_older_than_the_case_is_refused_even_when_the_state_would_allow_it() -> None:
    case = make_case()
    seen = case.version
    with zeal_ignore():
        actions.forward_case(case, user=None, to_actor=Actor.objects.get(slug="csn"), reason="CSN beslutar.")
        actions.forward_case(case, user=None, to_actor=Actor.objects.get(slug="arbetsformedlingen"), reason="Åter.")
        with pytest.raises(actions.CaseError, match="har redan skickats vidare till Arbetsförmedlingen"):
            actions.accept_case(case, user=None, expected_version=seen)
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING and not case.events.filter(kind=CaseEvent.Kind.ACCEPTED).exists()


@pytest.mark.django_db
def test_a_stale_forward_form_is_refused_and_keeps_the_reason_ready_to_send_again(client: Any) -> None:
    case = make_case()
    officer_of("csn")  # someone works at CSN, so it can receive the case
    seen = case.version
    login(client, officer_of("arbetsformedlingen"))
    client.post(reverse("cases:accept", args=[case.reference]), {"version": seen})
    url = reverse("cases:forward", args=[case.reference])
    response = client.post(url, {"version": seen, "to_actor": "csn", "reason": "Det gäller studiemedel."})
    assert response.status_code == 409
    text = response.content.decode()
    assert "har redan tagits emot av Arbetsförmedlingen" in text and "Någon annan hann före" in text
    assert "Det gäller studiemedel.</textarea>" in text  # kept in the form
    form = response.context["forward_form"]
    assert form["version"].value() == "2" and form["to_actor"].value() == "csn"
    case.refresh_from_db()
    assert case.actor.slug == "arbetsformedlingen"
    # Sent again from that page, it acts on the case as it is now.
    data = {"version": form["version"].value(), "to_actor": "csn", "reason": "Det gäller studiemedel."}
    again = client.post(url, data)
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.actor.slug == "csn"


@pytest.mark.django_db
def test_answering_a_case_someone_answered_meanwhile_shows_their_answer_and_keeps_yours(client: Any) -> None:
    case = make_case()
    seen = case.version
    with zeal_ignore():
        actions.answer_case(case, user=None, answer="Första svaret.")
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(reverse("cases:answer", args=[case.reference]), {"version": seen, "answer": "Mitt svar."})
    assert response.status_code == 409
    text = response.content.decode()
    assert "är redan besvarat och avslutat av Arbetsförmedlingen" in text
    assert "Första svaret." in text and "Det här skrev du" in text and ">Mitt svar.</textarea>" in text
    case.refresh_from_db()
    assert case.answer == "Första svaret." and case.events.filter(kind=CaseEvent.Kind.ANSWERED).count() == 1


@pytest.mark.django_db
def test_the_case_page_carries_the_cases_version_in_each_of_its_forms(client: Any) -> None:
    case = make_case()
    with zeal_ignore():
        actions.accept_case(case, user=None)
        actions.forward_case(case, user=None, to_actor=Actor.objects.get(slug="csn"), reason="CSN beslutar.")
    login(client, officer_of("csn"))
    text = client.get(case.staff_url).content.decode()
    assert text.count('name="version" value="3"') == 3  # accept, answer, forward
