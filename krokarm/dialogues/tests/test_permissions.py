"""dialogues.permissions: who manages an event, captures in a session, supports proposals and updates actions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.dialogues import permissions
from krokarm.dialogues.tests.factories import (
    AGENCY,
    ORGANISER,
    OWNER,
    REGION,
    coordinator,
    make_event,
    make_followup,
    make_proposal,
    make_session,
    officer,
    organiser_editor,
    owner_editor,
    person,
    region_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _many_personas() -> Iterator[None]:
    """Each test asks about several people in turn; reading each one's roles is not an N+1 in a page."""
    with zeal_ignore():
        yield


def test_the_organisers_editors_and_admins_and_coordinators_manage_an_event() -> None:
    event = make_event()
    assert permissions.can_manage_event(organiser_editor(), event)
    assert permissions.can_manage_event(person(ORGANISER, Affiliation.Role.ADMIN), event)
    assert permissions.can_manage_event(coordinator(), event)


def test_members_of_the_organiser_and_of_other_organisations_do_not_manage_an_event() -> None:
    event = make_event()
    assert not permissions.can_manage_event(person(ORGANISER), event)
    assert not permissions.can_manage_event(person(REGION, Affiliation.Role.EDITOR), event)
    assert not permissions.can_manage_event(AnonymousUser(), event)


def test_a_sessions_facilitator_captures_in_it_but_not_in_other_sessions() -> None:
    facilitator = region_member()
    event = make_event()
    own, other = make_session(event, facilitator=facilitator), make_session(event, title="Annat pass")
    assert permissions.can_capture(facilitator, own)
    assert not permissions.can_capture(facilitator, other)
    assert permissions.can_capture(organiser_editor(), other)
    assert not permissions.can_capture(AnonymousUser(), own)


def test_an_inactive_facilitator_captures_nothing() -> None:
    facilitator = region_member()
    session = make_session(make_event(), facilitator=facilitator)
    facilitator.is_active = False
    assert not permissions.can_capture(facilitator, session)


def test_one_supports_for_every_organisation_one_works_for_in_any_role() -> None:
    user = person(REGION)
    from krokarm.accounts.actions import affiliate
    from krokarm.dialogues.tests.factories import actor

    affiliate(user, actor(AGENCY), Affiliation.Role.EDITOR, source="test")
    assert [a.slug for a in permissions.supporting_actors(user)] == sorted(
        [AGENCY, REGION], key=lambda s: actor(s).name
    )
    assert permissions.supporting_actors(AnonymousUser()) == []


def test_follow_up_actions_are_created_by_those_who_manage_the_event() -> None:
    proposal = make_proposal()
    assert permissions.can_create_followups(organiser_editor(), proposal)
    assert permissions.can_create_followups(coordinator(), proposal)
    assert not permissions.can_create_followups(officer(), proposal)
    assert not permissions.can_create_followups(owner_editor(), proposal)


def test_a_follow_up_action_is_updated_by_its_owners_editors_coordinators_and_the_organiser() -> None:
    followup = make_followup()
    assert permissions.can_update_followup(owner_editor(), followup)
    assert permissions.can_update_followup(coordinator(), followup)
    assert permissions.can_update_followup(organiser_editor(), followup)
    assert not permissions.can_update_followup(person(OWNER), followup)  # members who do not edit
    assert not permissions.can_update_followup(officer(), followup)
    assert not permissions.can_update_followup(AnonymousUser(), followup)


def test_lookups_give_404_for_what_does_not_exist() -> None:
    event = make_event()
    other = make_event(title="Ett annat möte")
    session = make_session(event)
    assert permissions.get_event(event.slug) == event
    assert permissions.get_session(event, session.pk) == session
    with pytest.raises(Http404):
        permissions.get_event("finns-inte")
    with pytest.raises(Http404):
        permissions.get_session(other, session.pk)  # a session is found only under its own event
    with pytest.raises(Http404):
        permissions.get_proposal(0)
    with pytest.raises(Http404):
        permissions.get_followup(0)
    followup = make_followup()
    assert permissions.get_proposal(followup.proposal_id) == followup.proposal
    assert permissions.get_followup(followup.pk).owner.slug == OWNER
