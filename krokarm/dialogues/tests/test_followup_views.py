"""Proposals, supporting them, turning them into next steps, the action register and a next step's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.dialogues import actions
from krokarm.dialogues.models import FollowUp, Progress, Proposal, Support
from krokarm.dialogues.tests.test_event_views import (
    OWNER,
    actor,
    editor,
    log_in,
    make_event,
    make_followup,
    make_proposal,
    make_session,
    person,
    url,
)

pytestmark = pytest.mark.django_db


def a_proposal(title: str = "En gemensam väg in") -> Proposal:
    return make_proposal(make_session(make_event(days=-10)), title=title)


# --- The proposal page ----------------------------------------------------------------------------------------


def test_the_proposal_page_shows_supporters_and_next_steps(client: Any) -> None:
    proposal = a_proposal()
    followup = make_followup(proposal)
    csn = actor("csn")
    with zeal_ignore():
        actions.support_proposal(proposal, user=person("csn"), actor=csn)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert csn.name in response.text and followup.get_absolute_url() in response.text
    assert "Gör om till nästa steg" not in response.text


def test_a_member_supports_a_proposal_once_for_their_organisation(client: Any) -> None:
    proposal = a_proposal()
    log_in(client, person(OWNER))
    assert "Vi stödjer förslaget" in client.get(proposal.get_absolute_url()).text
    assert client.post(url("support", proposal.pk), {"actor": OWNER}).status_code == 302
    assert Support.objects.filter(proposal=proposal, actor__slug=OWNER).count() == 1
    assert "Vi stödjer förslaget" not in client.get(proposal.get_absolute_url()).text
    assert client.post(url("support", proposal.pk), {"actor": OWNER}).status_code in {400, 409}
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_supporting_needs_an_organisation_sign_in_and_post(client: Any) -> None:
    proposal = a_proposal()
    response = client.post(url("support", proposal.pk), {"actor": OWNER})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, person(OWNER))
    assert client.get(url("support", proposal.pk)).status_code == 405
    assert client.post(url("support", proposal.pk), {"actor": "csn"}).status_code == 400
    assert client.post(url("support", 999999), {"actor": OWNER}).status_code == 404


def followup_data(**values: Any) -> dict[str, Any]:
    data = {
        "title": "Samla myndigheternas ingångar",
        "owner": OWNER,
        "due_on": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        "description": "",
        "link": "/fraga/",
    }
    data.update(values)
    return data


def test_the_organisers_editor_turns_a_proposal_into_a_next_step(client: Any) -> None:
    proposal = a_proposal()
    log_in(client, editor())
    assert "Gör om till nästa steg" in client.get(proposal.get_absolute_url()).text
    response = client.post(url("create_followup", proposal.pk), followup_data())
    followup = FollowUp.objects.get(proposal=proposal)
    assert response.status_code == 302 and response["Location"] == followup.get_absolute_url()
    assert followup.owner.slug == OWNER and followup.link == "/fraga/"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.IN_PROGRESS


def test_next_step_errors_keep_the_input(client: Any) -> None:
    proposal = a_proposal()
    log_in(client, editor())
    response = client.post(url("create_followup", proposal.pk), followup_data(due_on="snart", link="https://x.se"))
    assert response.status_code == 400
    assert "Skriv ett datum så här" in response.text and "börjar med /" in response.text
    assert 'value="Samla myndigheternas ingångar"' in response.text
    assert not FollowUp.objects.filter(proposal=proposal).exists()


def test_others_may_not_create_next_steps(client: Any) -> None:
    proposal = a_proposal()
    response = client.post(url("create_followup", proposal.pk), followup_data())
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, editor(OWNER))
    assert client.post(url("create_followup", proposal.pk), followup_data()).status_code == 403
    assert client.get(url("create_followup", proposal.pk)).status_code == 405
    assert not FollowUp.objects.filter(proposal=proposal).exists()


def test_the_proposal_page_needs_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    proposal = a_proposal()
    for number in range(3):
        make_followup(proposal, title=f"Steg {number}")
    log_in(client, editor())
    with django_assert_max_num_queries(20):
        assert client.get(proposal.get_absolute_url()).status_code == 200


def test_a_missing_proposal_is_not_found(client: Any) -> None:
    assert client.get(url("proposal", 999999)).status_code == 404


# --- The action register --------------------------------------------------------------------------------------


def test_the_register_flags_overdue_actions_in_words(client: Any) -> None:
    proposal = a_proposal()
    make_followup(proposal, title="Sent steg", due_on=timezone.localdate() - dt.timedelta(days=1))
    make_followup(proposal, title="Tidigt steg")
    response = client.get(url("actions"), {"dialog": proposal.session.event.slug})
    assert response.status_code == 200
    text = response.text
    assert "<caption>" in text and 'scope="col"' in text
    row = text[text.index("Sent steg") - 200 : text.index("Sent steg") + 600]
    assert "overdue-row" in row and "Försenad" in row
    assert text.count("Försenad") == 1


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"agare": "csn"}, "CSN:s steg", "AF:s steg"),
        ({"agare": OWNER}, "AF:s steg", "CSN:s steg"),
        ({"status": "klar"}, "CSN:s steg", "AF:s steg"),
        ({"forsenade": "on"}, "AF:s steg", "CSN:s steg"),
    ],
)
def test_the_register_filters(client: Any, query: dict[str, str], shown: str, hidden: str) -> None:
    proposal = a_proposal()
    make_followup(proposal, title="AF:s steg", due_on=timezone.localdate() - dt.timedelta(days=5))
    done = make_followup(proposal, title="CSN:s steg", owner="csn", due_on=timezone.localdate() - dt.timedelta(days=5))
    with zeal_ignore():
        actions.update_followup(done, user=None, status=FollowUp.Status.DONE)
    text = client.get(url("actions"), {"dialog": proposal.session.event.slug, **query}).text
    assert shown in text and hidden not in text


def test_the_register_filters_by_event(client: Any) -> None:
    make_followup(a_proposal(), title="Första dialogens steg")
    other = make_proposal(make_session(make_event(title="Annan dialog", days=-5)))
    make_followup(other, title="Andra dialogens steg")
    text = client.get(url("actions"), {"dialog": other.session.event.slug}).text
    assert "Andra dialogens steg" in text and "Första dialogens steg" not in text


def test_the_register_reports_invalid_filters(client: Any) -> None:
    response = client.get(url("actions"), {"status": "kanske"})
    assert response.status_code == 200 and "Välj en status i listan." in response.text


def test_the_register_needs_few_queries_and_pages(
    client: Any, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.PAGE_SIZE = 2
    proposal = a_proposal()
    for number in range(5):
        make_followup(proposal, title=f"Steg {number}", owner=("csn", OWNER)[number % 2])
    with django_assert_max_num_queries(10):
        response = client.get(url("actions"), {"dialog": proposal.session.event.slug})
    assert response.status_code == 200 and "sida=2" in response.text
    assert client.post(url("actions")).status_code == 405


# --- A next step's page ---------------------------------------------------------------------------------------


def test_the_owners_editor_marks_a_next_step_done(client: Any) -> None:
    followup = make_followup(a_proposal())
    log_in(client, editor(OWNER))
    assert "Rapportera läget" in client.get(followup.get_absolute_url()).text
    response = client.post(url("update_followup", followup.pk), {"status": "klar", "text": "Vägen in är öppen."})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE
    assert Progress.objects.get(followup=followup).text == "Vägen in är öppen."
    page = client.get(followup.get_absolute_url()).text
    assert "Vägen in är öppen." in page and "Läget är uppdaterat." in page


def test_a_status_update_that_says_nothing_keeps_the_form(client: Any) -> None:
    followup = make_followup(a_proposal())
    log_in(client, editor(OWNER))
    response = client.post(url("update_followup", followup.pk), {"status": followup.status, "text": ""})
    assert response.status_code == 400
    assert not Progress.objects.filter(followup=followup).exists()


def test_others_may_not_update_a_next_step(client: Any) -> None:
    followup = make_followup(a_proposal())
    assert "Rapportera läget" not in client.get(followup.get_absolute_url()).text
    response = client.post(url("update_followup", followup.pk), {"status": "klar"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, editor("csn"))
    assert client.post(url("update_followup", followup.pk), {"status": "klar"}).status_code == 403
    assert client.get(url("update_followup", followup.pk)).status_code == 405
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.PLANNED


def test_the_next_step_page_needs_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    followup = make_followup(a_proposal())
    with zeal_ignore():
        for status in ("pagar", "klar"):
            actions.update_followup(followup, user=None, status=status, text=f"Nu {status}")
    log_in(client, editor(OWNER))
    with django_assert_max_num_queries(14):
        assert client.get(followup.get_absolute_url()).status_code == 200
    assert client.get(url("followup", 999999)).status_code == 404
