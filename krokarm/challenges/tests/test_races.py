"""Two people doing the same thing to a challenge at the same instant: one succeeds, the other is told (409),
nothing is done twice and nothing answers 500. Real threads and connections (races.py); run on PostgreSQL too."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.challenges import actions
from krokarm.challenges.models import Approach, Challenge, Participant
from krokarm.challenges.tests.races import (
    actor,
    at_once,
    editor_of,
    post_at_once,
    signed_in,
    statuses,
)

pytestmark = pytest.mark.usefixtures("committed_db")
LEAD, REGION, OTHER = "lopp-myndighet", "lopp-region", "lopp-deltagare"


def a_challenge() -> Challenge:
    with zeal_ignore():
        lead = actor(LEAD)
        goal = "Arbetsgivare hittar folk."
        return actions.propose_challenge(user=None, lead=lead, title="Fler yrkesutbildade", goal=goal)


def url(name: str, *args: Any) -> str:
    return reverse(f"challenges:{name}", args=args)


def audit_count(action: str, challenge: Challenge) -> int:
    return AuditEntry.objects.filter(action=action, target_id=str(challenge.pk)).count()


def test_two_editors_moving_the_status_at_once_get_one_success_and_one_409() -> None:
    challenge = a_challenge()
    clients = [signed_in(editor_of(actor(LEAD))) for _ in range(2)]
    data = {"status": "overenskommen", "current": "forslag"}
    responses = at_once(*(lambda c=c: c.post(url("status", challenge.slug), data) for c in clients))
    assert statuses(responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "Någon annan ändrade statusen till överenskommen" in refused.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == "overenskommen"  # moved one step, not two
    assert audit_count("challenge.status_changed", challenge) == 1


def test_two_editors_joining_for_the_same_organisation_at_once_get_one_success_and_one_409() -> None:
    challenge = a_challenge()
    other = actor(OTHER)
    first, second = signed_in(editor_of(other)), signed_in(editor_of(other))
    sent = [(first, {"actor": OTHER, "once": "a" * 32}), (second, {"actor": OTHER, "once": "b" * 32})]  # two pages
    responses = post_at_once(url("join", challenge.slug), *sent)
    assert statuses(responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "deltar redan i utmaningen" in refused.content.decode()
    assert Participant.objects.filter(challenge=challenge, actor=other).count() == 1  # one row, one audit row
    assert audit_count("challenge.participant_added", challenge) == 1


def test_two_coordinators_removing_the_same_organisation_at_once_get_one_success_and_one_409() -> None:
    challenge = a_challenge()
    with zeal_ignore():
        participant = actions.add_participant(challenge, user=None, actor=actor(OTHER), role="bidrar")
    clients = [signed_in(editor_of(actor(LEAD))) for _ in range(2)]
    address = url("remove_participant", challenge.slug, participant.pk)
    responses = at_once(*(lambda c=c: c.post(address) for c in clients))
    assert statuses(responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "deltar inte längre i utmaningen" in refused.content.decode()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert audit_count("challenge.participant_removed", challenge) == 1  # recorded once


def test_two_region_editors_writing_the_first_approach_at_once_keep_one_text_and_show_it_to_the_other() -> None:
    challenge = a_challenge()
    region = actor(REGION, kind="region")
    texts = ["Den förstas text.", "Den andras text."]
    sent = [
        (signed_in(editor_of(region)), {"summary": text, "status": "planerad", "version": 0, "once": key * 32})
        for text, key in (("Den förstas text.", "a"), ("Den andras text.", "b"))
    ]
    responses = post_at_once(url("approach", challenge.slug, REGION), *sent)
    assert statuses(responses) == [302, 409]
    (approach,) = Approach.objects.filter(challenge=challenge)
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    mine = next(t for t in texts if t != approach.summary)
    assert approach.summary in refused and mine in refused  # what the other saved, and what this one typed


def test_two_proposals_with_the_same_title_at_once_get_two_addresses() -> None:
    lead = actor(LEAD)
    proposal = {"lead": LEAD, "title": "Samma rubrik", "goal": "Ett mål.", "kind": "generell"}
    sent = [(signed_in(editor_of(lead)), {**proposal, "once": key * 32}) for key in "ab"]
    responses = post_at_once(url("create"), *sent)
    assert statuses(responses) == [302, 302]
    slugs = sorted(Challenge.objects.filter(title="Samma rubrik").values_list("slug", flat=True))
    assert slugs == ["samma-rubrik", "samma-rubrik-2"]


def test_a_double_click_arriving_at_the_same_instant_proposes_one_challenge() -> None:
    client = signed_in(editor_of(actor(LEAD)))
    data = {"lead": LEAD, "title": "En gång", "goal": "Ett mål.", "kind": "generell", "once": "c" * 32}
    responses = at_once(*(lambda: client.post(url("create"), data) for _ in range(2)))
    assert statuses(responses) == [302, 302]
    (challenge,) = Challenge.objects.filter(title="En gång")
    assert {r["Location"] for r in responses} == {challenge.get_absolute_url()}  # both shown the one made
