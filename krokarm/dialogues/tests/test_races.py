"""Two requests at the same instant: places are never overbooked or lost, one thing is made once, and the person
who comes second is told why (409), never a 500.

These tests commit for real (transaction=True) and send two requests from two threads that start together
(threading.Barrier). On PostgreSQL they race for the same rows and locks. On SQLite they take turns: the in-memory
test database is shared between threads through SQLite's shared cache, where a second writer is refused at once
("database table is locked") instead of waiting for the first as it does on a database file (busy_timeout, the
IMMEDIATE transactions of settings.py) — so there the requests run one after the other, as writers do on SQLite in
production, and the tests check the same outcome. Each test makes
its own small world (two organisations, their people, one event), because a transactional test empties the
database when it ends; the module loads the reference data again when it is done, for the tests that follow.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.dialogues import actions
from krokarm.dialogues.models import Event, FollowUp, Note, Progress, Registration, Support

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("_seed_again_afterwards")]
TAKE_TURNS: contextlib.AbstractContextManager[Any] = (
    threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
)


@pytest.fixture(scope="module")
def _seed_again_afterwards(django_db_blocker: Any) -> Iterator[None]:
    """The transactional tests empty the database; put the reference data back for whatever runs next."""
    yield
    with django_db_blocker.unblock(), zeal_ignore():
        call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def _no_zeal() -> Iterator[None]:
    """Two threads make the same queries at once on purpose; django-zeal would count them as one N+1."""
    with zeal_ignore():
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


def at_once(*requests: Callable[[Client], Any]) -> list[Any]:
    """Run each request in its own thread, all starting together; their responses in the same order."""
    barrier = threading.Barrier(len(requests))
    responses: list[Any] = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int, request: Callable[[Client], Any]) -> None:
        client = Client()
        try:
            barrier.wait(timeout=10)
            with TAKE_TURNS, zeal_ignore():
                responses[index] = request(client)
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return responses


def signed_in(user: User, method: str, address: str, data: dict[str, Any]) -> Callable[[Client], Any]:
    def request(client: Client) -> Any:
        client.force_login(user)
        return getattr(client, method)(address, data)

    return request


def test_two_people_taking_the_last_place_at_once_get_one_place_and_one_waitlist_spot() -> None:
    world = World()
    event = world.event(capacity=1)
    first, second = world.person(world.organiser), world.person(world.agency)
    address = event.get_absolute_url() + "anmalan/"
    responses = at_once(
        signed_in(first, "post", address, {"actor": world.organiser.slug, "once": uuid.uuid4().hex}),
        signed_in(second, "post", address, {"actor": world.agency.slug, "once": uuid.uuid4().hex}),
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
    responses = at_once(
        signed_in(leaving, "post", event.get_absolute_url() + "avanmal/", {}),
        signed_in(arriving, "post", event.get_absolute_url() + "anmalan/", {"actor": world.organiser.slug}),
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
    responses = at_once(*(signed_in(facilitator, "post", session.get_absolute_url(), data) for _ in range(2)))
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert Note.objects.filter(session=session).count() == 1


def test_two_colleagues_supporting_at_once_give_one_support_and_the_second_is_told() -> None:
    world = World()
    session = actions.add_session(world.event(days=-1), user=None, title="Pass")
    proposal = actions.capture_proposal(session, user=None, title="Ett förslag", text="Gör så här.")
    colleagues = [world.person(world.agency) for _ in range(2)]
    address = proposal.get_absolute_url() + "stod/"
    responses = at_once(
        *(signed_in(c, "post", address, {"actor": world.agency.slug, "once": uuid.uuid4().hex}) for c in colleagues)
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
    responses = at_once(
        signed_in(owners[0], "post", address, {"status": "klar", "text": "Klart.", "version": shown}),
        signed_in(owners[1], "post", address, {"status": "stoppad", "text": "Stoppat.", "version": shown}),
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
    responses = at_once(*(signed_in(e, "post", "/dialoger/ny/", {**data, "once": uuid.uuid4().hex}) for e in editors))
    assert [r.status_code for r in responses] == [302, 302]
    slugs = sorted(Event.objects.filter(title="Samma rubrik").values_list("slug", flat=True))
    assert slugs == ["samma-rubrik", "samma-rubrik-2"]
