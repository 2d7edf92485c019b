"""Proposing, changing, moving along the lifecycle, managing participants, joining and writing a region's
approach: who may, what happens, and that a form with errors keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from krokarm.accounts.models import Affiliation, User
from krokarm.audit.models import AuditEntry
from krokarm.challenges.models import Approach, Challenge, Participant
from krokarm.challenges.tests.factories import (
    AGENCY,
    OTHER_REGION,
    REGION,
    coordinator,
    editor,
    log_in,
    make_approach,
    make_challenge,
    make_participant,
    person,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db

NEW = {
    "lead": AGENCY,
    "title": "Fler vårdutbildade i hela landet",
    "goal": "Alla län har tillräckligt med undersköterskor.",
    "kind": "generell",
    "themes": ["kompetensforsorjning"],
    "outcome_1": "Fler examinerade undersköterskor",
    "indicator_1": "Antal examinerade per år och län",
}


def test_an_editor_proposes_a_challenge_their_organisation_leads(client: Any) -> None:
    user = editor()
    log_in(client, user)
    response = client.post(url("create"), NEW)
    challenge = Challenge.objects.get(title=NEW["title"])
    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()
    assert challenge.lead.slug == AGENCY and challenge.status == "forslag" and challenge.created_by == user
    assert [(o.text, o.indicator) for o in challenge.outcomes.all()] == [(NEW["outcome_1"], NEW["indicator_1"])]


def test_an_editor_may_not_name_another_organisation_as_lead(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), {**NEW, "lead": "csn"})
    assert response.status_code == 400 and "Välj en organisation du är redaktör för." in response.text
    assert not Challenge.objects.filter(title=NEW["title"]).exists()


def test_a_proposal_with_errors_keeps_what_was_typed(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), {**NEW, "title": "", "indicator_2": "Ett mått utan resultat"})
    assert response.status_code == 400
    assert "Skriv en rubrik." in response.text and "Skriv resultatet som indikatorn mäter." in response.text
    assert NEW["goal"] in response.text and "Ett mått utan resultat" in response.text


def test_an_anonymous_visitor_is_asked_to_sign_in_before_proposing(client: Any) -> None:
    response = client.get(url("create"))
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_a_plain_member_may_not_propose(client: Any) -> None:
    log_in(client, person(AGENCY))
    assert client.get(url("create")).status_code == 403


@pytest.mark.parametrize("name", ["create"])
def test_the_create_form_allows_only_get_and_post(client: Any, name: str) -> None:
    log_in(client, editor())
    assert client.put(url(name)).status_code == 405


def test_the_lead_changes_the_challenge(client: Any) -> None:
    user = editor()
    challenge = make_challenge(user=user)
    log_in(client, user)
    assert client.get(url("edit", challenge.slug)).status_code == 200
    data = {k: v for k, v in NEW.items() if k != "lead"}
    response = client.post(url("edit", challenge.slug), data)
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.title == NEW["title"] and challenge.lead.slug == AGENCY
    assert AuditEntry.objects.filter(action="challenge.updated", target_id=str(challenge.pk)).exists()


def test_changing_with_errors_keeps_the_challenge(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    response = client.post(url("edit", challenge.slug), {"title": "Ny rubrik", "goal": "", "kind": "generell"})
    assert (
        response.status_code == 400 and "Skriv det gemensamma målet." in response.text and "Ny rubrik" in response.text
    )
    challenge.refresh_from_db()
    assert challenge.title == "Fler yrkesutbildade i hela landet"


@pytest.mark.parametrize("name", ["edit", "status", "participants"])
@pytest.mark.parametrize("persona", ["region_editor", "member_of_the_lead", "agency_editor"])
def test_only_the_leads_editors_and_coordinators_steer(client: Any, name: str, persona: str) -> None:
    challenge = make_challenge()
    personas: dict[str, Callable[[], User]] = {
        "region_editor": region_editor,
        "member_of_the_lead": lambda: person(AGENCY),
        "agency_editor": lambda: editor("csn"),
    }
    user = personas[persona]()
    log_in(client, user)
    assert client.get(url(name, challenge.slug)).status_code == 403
    assert client.post(url(name, challenge.slug), {"status": "overenskommen"}).status_code == 403
    challenge.refresh_from_db()
    assert challenge.status == "forslag"


@pytest.mark.parametrize("name", ["edit", "status", "participants"])
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, name: str) -> None:
    challenge = make_challenge()
    response = client.get(url(name, challenge.slug))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_a_coordinator_moves_the_status_one_step(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, coordinator())
    page = client.get(url("status", challenge.slug))
    assert [value for value, _label in page.context["form"].fields["status"].choices] == ["overenskommen"]
    response = client.post(url("status", challenge.slug), {"status": "overenskommen"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "overenskommen"
    row = AuditEntry.objects.get(action="challenge.status_changed", target_id=str(challenge.pk))
    assert row.changes == {"status": ["forslag", "overenskommen"]}


def test_skipping_a_step_is_refused_with_a_message(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    response = client.post(url("status", challenge.slug), {"status": "avslutad"})
    assert response.status_code == 400 and "ett steg i taget" in response.text
    challenge.refresh_from_db()
    assert challenge.status == "forslag"


def test_the_lead_adds_and_removes_a_participant(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    response = client.post(
        url("participants", challenge.slug), {"actor": "skolverket", "role": "finansierar", "note": "Statsbidrag"}
    )
    assert response.status_code == 302
    participant = challenge.participants.get(actor__slug="skolverket")
    assert participant.role == "finansierar" and participant.note == "Statsbidrag"
    response = client.post(url("remove_participant", challenge.slug, participant.pk))
    assert response.status_code == 302 and not challenge.participants.filter(actor__slug="skolverket").exists()


def test_adding_an_organisation_that_already_takes_part_is_refused_and_keeps_the_note(client: Any) -> None:
    challenge = make_challenge()
    make_participant(challenge, "skolverket")
    log_in(client, editor())
    data = {"actor": "skolverket", "role": "bidrar", "note": "Statsbidrag till vården"}
    response = client.post(url("participants", challenge.slug), data)
    assert response.status_code == 409 and "Statens skolverk deltar redan i utmaningen." in response.text
    assert "Statsbidrag till vården" in response.text  # the note typed is still in the form
    assert challenge.participants.filter(actor__slug="skolverket").count() == 1


def test_nobody_removes_the_lead(client: Any) -> None:
    challenge = make_challenge()
    lead = challenge.participants.get(role=Participant.Role.LEADS)
    log_in(client, coordinator())
    assert client.post(url("remove_participant", challenge.slug, lead.pk)).status_code == 403
    assert challenge.participants.filter(pk=lead.pk).exists()


def test_an_outsider_may_not_remove_a_participant(client: Any) -> None:
    challenge = make_challenge()
    participant = make_participant(challenge, "skolverket")
    log_in(client, editor("csn"))
    assert client.post(url("remove_participant", challenge.slug, participant.pk)).status_code == 403
    assert client.get(url("remove_participant", challenge.slug, participant.pk)).status_code == 405


def test_an_organisations_editor_joins_as_a_contributor(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor("csn"))
    page = client.get(url("detail", challenge.slug))
    assert "Delta för" in page.text
    response = client.post(url("join", challenge.slug), {"actor": "csn"})
    assert response.status_code == 302
    assert challenge.participants.get(actor__slug="csn").role == Participant.Role.CONTRIBUTES


def test_nobody_joins_for_an_organisation_they_do_not_edit_for(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor("csn"))
    response = client.post(url("join", challenge.slug), {"actor": "uhr"})
    assert response.status_code == 400 and not challenge.participants.filter(actor__slug="uhr").exists()
    assert client.get(url("join", challenge.slug)).status_code == 405


def test_a_region_editor_adds_the_regions_approach(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, region_editor())
    assert client.get(url("approach", challenge.slug, REGION)).status_code == 200
    data = {
        "summary": "Kompetensplattformen samlar kommunerna och arbetsgivarna.",
        "measures": "Branschråd för vården\nYrkesvux i alla kommuner",
        "status": "pagar",
        "contact_name": "Kompetensplattformen",
        "contact_email": "kompetens@regionostergotland.se",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    }
    response = client.post(url("approach", challenge.slug, REGION), data)
    assert response.status_code == 302 and response["Location"].endswith("#arbetssatt-region-ostergotland")
    approach = Approach.objects.get(challenge=challenge, region__slug=REGION)
    assert approach.measure_lines == ["Branschråd för vården", "Yrkesvux i alla kommuner"]
    assert "Kompetensplattformen samlar" in client.get(url("compare", challenge.slug)).text


def test_an_approach_form_with_errors_keeps_what_was_typed(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, region_editor())
    data = {
        "summary": "Vi arbetar med plattformen",
        "status": "pagar",
        "contact_email": "inte-en-adress",
        "starts_on": "2026-06-01",
        "ends_on": "2026-01-01",
    }
    response = client.post(url("approach", challenge.slug, REGION), data)
    assert response.status_code == 400
    assert "Skriv en e-postadress" in response.text and "Slutdatumet kan inte vara före startdatumet." in response.text
    assert "Vi arbetar med plattformen" in response.text and not Approach.objects.filter(challenge=challenge).exists()


@pytest.mark.parametrize("persona", ["other_region", "agency_editor", "member_of_the_region"])
def test_nobody_writes_another_regions_approach(client: Any, persona: str) -> None:
    challenge = make_challenge()
    personas: dict[str, Callable[[], User]] = {
        "other_region": lambda: region_editor(OTHER_REGION),
        "agency_editor": editor,
        "member_of_the_region": lambda: person(REGION, Affiliation.Role.MEMBER),
    }
    user = personas[persona]()
    log_in(client, user)
    assert client.get(url("approach", challenge.slug, REGION)).status_code == 403
    assert client.post(url("approach", challenge.slug, REGION), {"summary": "x", "status": "pagar"}).status_code == 403
    assert not Approach.objects.filter(challenge=challenge).exists()


def test_an_approach_for_something_that_is_not_a_region_is_not_found(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    assert client.get(url("approach", challenge.slug, AGENCY)).status_code == 404


def test_the_approach_form_shows_the_existing_approach(client: Any) -> None:
    challenge = make_challenge()
    make_approach(challenge, summary="Vår befintliga beskrivning")
    log_in(client, region_editor())
    assert "Vår befintliga beskrivning" in client.get(url("approach", challenge.slug, REGION)).text
