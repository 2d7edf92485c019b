"""Who may do what with a challenge, as named predicates (challenges/permissions.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.challenges import permissions
from krokarm.challenges.tests.factories import (
    AGENCY,
    OTHER_REGION,
    REGION,
    actor,
    coordinator,
    editor,
    make_challenge,
    make_participant,
    person,
    region_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many_personas() -> Iterator[None]:
    """Each test asks about several people in turn; reading each one's roles is not an N+1 in a page."""
    with zeal_ignore():
        yield


def test_editors_propose_for_their_own_organisations_only() -> None:
    assert [a.slug for a in permissions.editable_actors(editor())] == [AGENCY]
    assert permissions.editable_actors(person(AGENCY, Affiliation.Role.MEMBER)) == []
    assert permissions.editable_actors(AnonymousUser()) == []
    assert not permissions.can_propose(AnonymousUser())


def test_the_leads_editors_and_coordinators_steer_others_do_not() -> None:
    challenge = make_challenge()
    assert permissions.can_manage(editor(), challenge)
    assert permissions.can_manage(coordinator(), challenge)
    assert not permissions.can_manage(editor("csn"), challenge)
    assert not permissions.can_manage(region_editor(), challenge)
    assert not permissions.can_manage(person(AGENCY, Affiliation.Role.MEMBER), challenge)


def test_a_region_writes_only_its_own_approach() -> None:
    user = region_editor()
    assert permissions.can_write_approach(user, actor(REGION))
    assert not permissions.can_write_approach(user, actor(OTHER_REGION))
    assert not permissions.can_write_approach(editor(), actor(AGENCY))  # an agency is no region
    assert [r.slug for r in permissions.own_regions(user)] == [REGION]


def test_an_organisation_may_join_once_and_leave_but_the_lead_stays() -> None:
    challenge = make_challenge()
    csn_editor = editor("csn")
    taking_part = set(challenge.participants.values_list("actor_id", flat=True))
    assert [a.slug for a in permissions.joinable_actors(csn_editor, challenge, taking_part)] == ["csn"]
    participant = make_participant(challenge, "csn")
    assert permissions.joinable_actors(csn_editor, challenge, taking_part | {participant.actor_id}) == []
    assert permissions.can_remove(csn_editor, participant)
    lead = challenge.participants.get(actor__slug=AGENCY)
    assert not permissions.can_remove(editor(), lead) and not permissions.can_remove(coordinator(), lead)
