"""Two people changing the same challenge or approach from pages opened at the same time: the later one is told
what changed meanwhile (409) and keeps what they typed; nothing is silently overwritten or done twice."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.challenges import actions
from krokarm.challenges.models import Approach, Challenge
from krokarm.challenges.tests.factories import (
    AGENCY,
    REGION,
    actor,
    editor,
    log_in,
    make_approach,
    make_challenge,
    make_participant,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db


def edit_form(challenge: Challenge, **changes: Any) -> dict[str, Any]:
    """What the challenge's edit form sends when it was opened now, with `changes` typed in."""
    with zeal_ignore():  # the tests read the challenge again after each step, on purpose
        outcomes, themes = list(challenge.outcomes.all()), [t.slug for t in challenge.themes.all()]
    data: dict[str, Any] = {
        "title": challenge.title,
        "goal": challenge.goal,
        "description": challenge.description,
        "kind": challenge.kind,
        "themes": themes,
        "version": challenge.version,
    }
    for number, outcome in enumerate(outcomes, start=1):
        data[f"outcome_{number}"], data[f"indicator_{number}"] = outcome.text, outcome.indicator
    return {**data, **changes}


def approach_form(approach: Approach | None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"summary": "", "measures": "", "status": "planerad", "version": 0}
    if approach is not None:
        data = {"summary": approach.summary, "measures": approach.measures, "status": approach.status}
        data["version"] = approach.version
    return {**data, **changes}


def test_a_stale_challenge_edit_is_refused_with_what_changed_and_keeps_the_text(client: Any) -> None:
    challenge = make_challenge()
    first, second = editor(), editor()
    mine = edit_form(challenge, goal="Min nya formulering av målet.")  # opened by the second editor
    log_in(client, first)
    assert client.post(url("edit", challenge.slug), edit_form(challenge, title="Den förstas rubrik")).status_code == 302
    log_in(client, second)
    response = client.post(url("edit", challenge.slug), mine)
    assert response.status_code == 409
    assert "Någon annan har sparat en ändring medan du skrev" in response.text
    assert "Det här sparades medan du skrev" in response.text and "Den förstas rubrik" in response.text
    assert "Min nya formulering av målet." in response.text  # what the second typed is still on the page
    challenge.refresh_from_db()
    assert challenge.title == "Den förstas rubrik" and challenge.goal != "Min nya formulering av målet."
    # Sending the form again saves over the version it now carries, keeping the first editor's title.
    again = client.post(
        url("edit", challenge.slug), {**mine, "title": "Den förstas rubrik", "version": challenge.version}
    )
    assert again.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.title, challenge.goal) == ("Den förstas rubrik", "Min nya formulering av målet.")
    assert AuditEntry.objects.filter(action="challenge.updated", target_id=str(challenge.pk)).count() == 2


def test_outcomes_changed_meanwhile_are_listed_too(client: Any) -> None:
    challenge = make_challenge()
    mine = edit_form(challenge, title="Min rubrik")
    with zeal_ignore():
        actions.update_challenge(
            challenge,
            user=None,
            title=challenge.title,
            goal=challenge.goal,
            description=challenge.description,
            kind=challenge.kind,
            themes=list(challenge.themes.all()),
            outcomes=[("Ett annat resultat", "")],
            expected_version=challenge.version,
        )
    log_in(client, editor())
    response = client.post(url("edit", challenge.slug), mine)
    assert response.status_code == 409
    assert "Önskade resultat" in response.text and "Ett annat resultat" in response.text
    assert Challenge.objects.get(pk=challenge.pk).title != "Min rubrik"  # nothing of the stale form was written


def test_a_status_change_makes_an_open_edit_form_stale_instead_of_being_undone(client: Any) -> None:
    challenge = make_challenge()
    mine = edit_form(challenge, title="Min rubrik")
    actions.change_status(challenge, user=None, status="overenskommen", expected_status="forslag")
    log_in(client, editor())
    response = client.post(url("edit", challenge.slug), mine)
    assert response.status_code == 409 and "„Förslag” → „Överenskommen”" in response.text  # labels, not codes
    challenge.refresh_from_db()
    assert challenge.status == "overenskommen" and challenge.title != "Min rubrik"


def test_a_status_form_sent_after_someone_moved_the_status_is_refused_and_moves_nothing(client: Any) -> None:
    challenge = make_challenge()
    log_in(client, editor())
    actions.change_status(challenge, user=None, status="overenskommen", expected_status="forslag")
    response = client.post(url("status", challenge.slug), {"status": "overenskommen", "current": "forslag"})
    assert response.status_code == 409
    assert "Någon annan ändrade statusen till överenskommen medan du valde" in response.text
    challenge.refresh_from_db()
    assert challenge.status == "overenskommen"
    assert AuditEntry.objects.filter(action="challenge.status_changed", target_id=str(challenge.pk)).count() == 1


def test_two_editors_writing_the_first_approach_of_a_region_do_not_overwrite_each_other(client: Any) -> None:
    challenge = make_challenge()
    first, second = region_editor(), region_editor()
    form = url("approach", challenge.slug, REGION)
    log_in(client, first)
    assert client.post(form, approach_form(None, summary="Den förstas text.", once="a" * 32)).status_code == 302
    log_in(client, second)
    response = client.post(form, approach_form(None, summary="Den andras text.", once="b" * 32))
    assert response.status_code == 409
    assert "Den förstas text." in response.text and "Den andras text." in response.text
    assert Approach.objects.get(challenge=challenge).summary == "Den förstas text."  # the first is kept
    stored = Approach.objects.get(challenge=challenge)
    again = client.post(form, approach_form(None, summary="Den andras text.", version=stored.version))
    assert again.status_code == 302 and Approach.objects.get(challenge=challenge).summary == "Den andras text."


def test_a_stale_approach_edit_is_refused_with_what_changed(client: Any) -> None:
    challenge = make_challenge()
    approach = make_approach(challenge)
    mine = approach_form(approach, measures="Min insats")
    make_approach(challenge, summary="En annan redaktör skrev om.", user=region_editor())
    log_in(client, region_editor())
    response = client.post(url("approach", challenge.slug, REGION), mine)
    assert response.status_code == 409 and "En annan redaktör skrev om." in response.text
    assert "Min insats" in response.text
    assert Approach.objects.get(pk=approach.pk).measures != "Min insats"


def test_removing_an_organisation_someone_just_removed_is_refused_and_recorded_once(client: Any) -> None:
    challenge = make_challenge()
    participant = make_participant(challenge, "skolverket")
    log_in(client, editor())
    address = url("remove_participant", challenge.slug, participant.pk)
    assert client.post(address).status_code == 302
    response = client.post(address)
    assert response.status_code == 409 and "deltar inte längre i utmaningen" in response.text
    removed = AuditEntry.objects.filter(action="challenge.participant_removed", target_id=str(challenge.pk))
    assert removed.count() == 1


def test_joining_for_an_organisation_someone_just_added_is_refused_without_a_second_row() -> None:
    challenge = make_challenge()
    user = editor("csn")
    make_participant(challenge, "csn")
    with pytest.raises(actions.ChallengeRefused, match="deltar redan i utmaningen"):
        actions.join_challenge(challenge, user=user, actor=actor("csn"))
    assert challenge.participants.filter(actor__slug="csn").count() == 1


def test_a_challenge_no_longer_current_refuses_every_change() -> None:
    challenge = make_challenge(AGENCY)
    Challenge.objects.filter(pk=challenge.pk).update(retired_at="2026-01-01T00:00:00Z")
    with zeal_ignore(), pytest.raises(actions.ChallengeRefused, match="gäller inte längre"):
        actions.change_status(challenge, user=None, status="overenskommen")
    with pytest.raises(actions.ChallengeRefused, match="gäller inte längre"):
        make_approach(challenge)
    assert Challenge.all_objects.get(pk=challenge.pk).status == "forslag"
