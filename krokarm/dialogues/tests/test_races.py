"""Two requests at the same instant: places are never overbooked or lost, one thing is made once, and the person
who comes second is told why (409), never a 500.

The requests run on their own threads and connections, started together (krokarm.lib.testing.at_once), on a
committed copy of the seeded database (the committed_db fixture): on PostgreSQL they race for the same rows and
locks, on SQLite the second writer waits for the first (IMMEDIATE transactions, busy_timeout), as in production.
Each test makes its own small world (two organisations, their people, one event), so that what it counts is its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.dialogues import actions
from krokarm.dialogues.models import Event, FollowUp, Note, Progress, Registration, Support
from krokarm.lib.testing import at_once, returned

pytestmark = pytest.mark.usefixtures("committed_db")


@pytest.fixture(autouse=True)
def _no_zeal_in_the_set_up(committed_db: None) -> Iterator[None]:
    """The set-up makes people, events and proposals one after another through the actions (a query each, by
    design). The requests are still watched: each runs in its own thread, where django-zeal's middleware starts a
    context of its own.

    The content types are loaded first, as a worker that has served a page has them cached: a registration follows
    both the registration and the event, and in a cold process those two look-ups from one line (one query each,
    once per process) would look like an N+1 to django-zeal."""
    with zeal_ignore():
        ContentType.objects.get_for_models(*apps.get_models())
        yield


class World:
    """An organiser (a region), a second organisation (an agency), and people who work for them."""

    def __init__(self) -> None:
        self.organiser = Actor.objects.create(slug="region-prov", name="Region Prov", kind=Actor.Kind.REGION)
        self.agency = Actor.objects.create(slug="provverket", name="Provverket", kind=Actor.Kind.AGENCY)

    def person(self, actor: Actor, role: str = Affiliation.Role.MEMBER) -> User:
        user = UserFactory.create()
        affiliate(user, actor, role, source="test")
        return user

    def event(self, *, capacity: int | None = None, days: int = 30) -> Event:
        starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
        return actions.create_event(
            user=None,
            organiser=self.organiser,
            title="Dialog om prov",
            kind=Event.Kind.DIALOGUE_DAY,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=4),
            place="Provstaden",
            capacity=capacity,
        )


def signed_in(user: User, method: str, address: str, data: dict[str, Any]) -> Callable[[], Any]:
    """A request by `user`, signed in beforehand, ready to be sent."""
    client = Client()
    client.force_login(user)
    return lambda: getattr(client, method)(address, data)


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_waitlist_spot() -> None:
    world = World()
    event = world.event(capacity=1)
    first, second = world.person(world.organiser), world.person(world.agency)
    address = event.get_absolute_url() + "anmalan/"
    responses = returned(
        at_once(
            signed_in(first, "post", address, {"actor": world.organiser.slug, "once": uuid.uuid4().hex}),
            signed_in(second, "post", address, {"actor": world.agency.slug, "once": uuid.uuid4().hex}),
        )
    )
    assert [r.status_code for r in responses] == [302, 302]
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == [Registration.Status.REGISTERED, Registration.Status.WAITLIST]  # never overbooked


def test_a_cancellation_and_a_registration_at_once_lose_no_place() -> None:
    world = World()
    event = world.event(capacity=1)
    leaving, waiting, arriving = (world.person(world.organiser) for _ in range(3))
    actions.register(event, user=leaving, actor=world.organiser)
    actions.register(event, user=waiting, actor=world.organiser)
    responses = returned(
        at_once(
            signed_in(leaving, "post", event.get_absolute_url() + "avanmal/", {}),
            signed_in(arriving, "post", event.get_absolute_url() + "anmalan/", {"actor": world.organiser.slug}),
        )
    )
    assert [r.status_code for r in responses] == [302, 302]
    status = dict(Registration.objects.filter(event=event).values_list("user_id", "status"))
    # The freed place went to the first on the waitlist, whichever request came first; one place, one taken.
    assert status[waiting.pk] == Registration.Status.REGISTERED
    assert status[arriving.pk] == Registration.Status.WAITLIST
    assert status[leaving.pk] == Registration.Status.CANCELLED


def test_a_double_tap_arriving_at_the_same_instant_saves_one_note() -> None:
    world = World()
    facilitator = world.person(world.organiser)
    session = actions.add_session(world.event(days=-1), user=None, title="Pass", facilitator=facilitator)
    data = {"kind": Note.Kind.NOTE, "text": "Sagt en gång", "once": uuid.uuid4().hex}
    requests = (signed_in(facilitator, "post", session.get_absolute_url(), data) for _ in range(2))
    responses = returned(at_once(*requests))
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Note.objects.filter(session=session).count() == 1


def test_two_colleagues_supporting_at_once_give_one_support_and_the_second_is_told() -> None:
    world = World()
    session = actions.add_session(world.event(days=-1), user=None, title="Pass")
    proposal = actions.capture_proposal(session, user=None, title="Ett förslag", text="Gör så här.")
    colleagues = [world.person(world.agency) for _ in range(2)]
    address = proposal.get_absolute_url() + "stod/"
    responses = returned(
        at_once(
            *(signed_in(c, "post", address, {"actor": world.agency.slug, "once": uuid.uuid4().hex}) for c in colleagues)
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "Provverket stöder redan förslaget." in refused.content.decode()
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_two_owners_moving_a_next_step_at_once_keep_one_status_and_the_other_sees_it() -> None:
    world = World()
    session = actions.add_session(world.event(days=-1), user=None, title="Pass")
    proposal = actions.capture_proposal(session, user=None, title="Ett förslag", text="Gör så här.")
    followup = actions.create_followup(
        proposal, user=None, title="Gör det", owner=world.agency, due_on=timezone.localdate() + dt.timedelta(days=30)
    )
    owners = [world.person(world.agency, Affiliation.Role.EDITOR) for _ in range(2)]
    address = followup.get_absolute_url() + "lage/"
    shown = str(followup.version)
    responses = returned(
        at_once(
            signed_in(owners[0], "post", address, {"status": "klar", "text": "Klart.", "version": shown}),
            signed_in(owners[1], "post", address, {"status": "stoppad", "text": "Stoppat.", "version": shown}),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    saved = FollowUp.objects.get(pk=followup.pk)
    assert "Det här sparades medan du skrev" in refused  # the second owner sees the first one's status
    assert Progress.objects.filter(followup=followup).count() == 1 and saved.version == followup.version + 1
    kept = "Stoppat.</textarea>" if saved.status == "klar" else "Klart.</textarea>"
    assert kept in refused  # and keeps what they wrote


def test_two_events_with_the_same_title_published_at_once_both_get_an_address() -> None:
    world = World()
    editors = [world.person(world.organiser, Affiliation.Role.EDITOR) for _ in range(2)]
    starts = timezone.localtime() + dt.timedelta(days=40)
    data = {
        "organiser": world.organiser.slug,
        "title": "Samma rubrik",
        "kind": Event.Kind.WEBINAR,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "online_url": "https://example.se/mote",
    }
    responses = returned(
        at_once(*(signed_in(e, "post", "/dialoger/ny/", {**data, "once": uuid.uuid4().hex}) for e in editors))
    )
    assert [r.status_code for r in responses] == [302, 302]
    slugs = sorted(Event.objects.filter(title="Samma rubrik").values_list("slug", flat=True))
    assert slugs == ["samma-rubrik", "samma-rubrik-2"]


def test_two_organisations_taking_on_the_same_next_step_at_once_get_one_owner_and_the_second_is_told() -> None:
    world = World()
    session = actions.add_session(world.event(days=-1), user=None, title="Pass")
    proposal = actions.capture_proposal(session, user=None, title="Ett förslag", text="Gör så här.")
    # As data/dialogues seeds krokarm's own proposals: reconstructed, no owner (there is no action that makes one).
    followup = FollowUp.objects.create(
        proposal=proposal, title="Gör det", due_on=timezone.localdate() + dt.timedelta(days=30), reconstructed=True
    )
    editors = [(world.person(a, Affiliation.Role.EDITOR), a) for a in (world.organiser, world.agency)]
    address = followup.get_absolute_url() + "ta-pa-oss/"
    shown = str(followup.version)
    responses = returned(
        at_once(
            *(
                signed_in(e, "post", address, {"actor": a.slug, "version": shown, "once": uuid.uuid4().hex})
                for e, a in editors
            )
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    saved = FollowUp.objects.select_related("owner").get(pk=followup.pk)
    assert saved.owner is not None and saved.version == followup.version + 1
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    assert f"{saved.owner.name} ansvarar redan för det här nästa steget." in refused
