"""Two coordinators doing the same thing to a network at the same instant: one succeeds, the other is told (409),
nothing is done twice and nothing answers 500. Real threads and connections (challenges/tests/races.py), run on
PostgreSQL too; the tests make their own network, since transactional tests start from an empty database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.actors.models import Actor, Membership
from krokarm.audit.models import AuditEntry
from krokarm.challenges.tests.races import (
    actor,
    at_once,
    editor_of,
    post_at_once,
    signed_in,
    statuses,
)
from krokarm.networks import actions
from krokarm.networks.models import Meeting, Post

pytestmark = pytest.mark.usefixtures("committed_db")
NETWORK, MEMBER = "lopp-natverket", "lopp-medlem"
MEETING = {"title": "Höstträff", "day": "2030-09-15", "starts": "13:00", "ends": "15:30", "place": ""}


def url(name: str, *args: Any) -> str:
    return reverse(f"networks:{name}", args=args)


def a_network() -> Actor:
    return actor(NETWORK, kind=Actor.Kind.NETWORK)


def a_meeting() -> Meeting:
    starts = timezone.now() + dt.timedelta(days=7)
    with zeal_ignore():
        return actions.create_meeting(
            a_network(), user=None, title="Nätverksträff", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        )


def coordinators(count: int = 2) -> list[Any]:
    return [signed_in(editor_of(a_network())) for _ in range(count)]


def test_two_coordinators_cancelling_the_same_meeting_at_once_get_one_success_and_one_409() -> None:
    meeting = a_meeting()
    address = url("meeting-delete", NETWORK, meeting.pk)
    responses = post_at_once(address, *((c, {"version": meeting.version}) for c in coordinators()))
    assert statuses(responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "Mötet är redan inställt" in refused.content.decode()
    assert AuditEntry.objects.filter(action="meeting.deleted", target_id=str(meeting.pk)).count() == 1


def test_two_coordinators_saving_the_same_meeting_at_once_keep_one_change_and_show_it_to_the_other() -> None:
    meeting = a_meeting()
    first, second = coordinators()
    sent = [
        (first, {**MEETING, "place": "Reglab, Stockholm", "version": meeting.version}),
        (second, {**MEETING, "place": "Tillväxtverket, Stockholm", "version": meeting.version}),
    ]
    responses = post_at_once(url("meeting-edit", NETWORK, meeting.pk), *sent)
    assert statuses(responses) == [302, 409]
    meeting.refresh_from_db()
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    assert meeting.place in refused and "Det här sparades medan du skrev" in refused
    assert AuditEntry.objects.filter(action="meeting.updated", target_id=str(meeting.pk)).count() == 1


def test_two_coordinators_removing_the_same_member_at_once_get_one_success_and_one_409() -> None:
    network, organisation = a_network(), actor(MEMBER)
    with zeal_ignore():
        membership = actions.add_member(network, organisation, user=None)
    responses = post_at_once(url("member-remove", NETWORK, MEMBER), *((c, {}) for c in coordinators()))
    assert statuses(responses) == [302, 409]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.deleted", target_id=str(membership.pk)).count() == 1


def test_a_double_click_on_a_new_meeting_arriving_at_the_same_instant_adds_one_meeting() -> None:
    (client,) = coordinators(1)
    data = {**MEETING, "once": "c" * 32}
    responses = at_once(*(lambda: client.post(url("meeting-create", NETWORK), data) for _ in range(2)))
    assert statuses(responses) == [302, 302]
    (meeting,) = Meeting.objects.filter(title="Höstträff")
    assert {r["Location"] for r in responses} == {meeting.get_absolute_url()}


def test_a_double_click_on_a_post_arriving_at_the_same_instant_publishes_one_post() -> None:
    (client,) = coordinators(1)
    data = {"title": "Hej", "body": "Hur har ni lagt upp dialogen?", "organisation": NETWORK, "once": "d" * 32}
    responses = at_once(*(lambda: client.post(url("post", NETWORK), data) for _ in range(2)))
    assert statuses(responses) == [302, 302]
    assert Post.objects.filter(title="Hej").count() == 1
