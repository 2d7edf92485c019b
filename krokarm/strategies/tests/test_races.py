"""Two requests at the same instant, in real threads with their own database connections (issue 14, points 2–3).

A double click that arrives twice at once makes one contribution (with its files) or one entry point; two
editors or officers saving the same row at once get one success and one refusal that keeps their text; two
editors adding the same phase at once get one phase and a refusal. Never a 500 (the test client raises on one).

The tests run on a committed copy of the seeded database (the committed_db fixture), in a small world of their own
(a region with one process, an agency) so that what they count is theirs. On PostgreSQL the requests really overlap
(row locks, the one-time key's unique index); on SQLite the second writer waits for the first (IMMEDIATE
transactions, busy_timeout), as in production.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.actors.tests.factories import make_actor
from krokarm.audit.models import AuditEntry
from krokarm.lib.testing import at_once, returned
from krokarm.strategies import actions, uploads
from krokarm.strategies.models import Attachment, Contribution, EntryPoint, Phase, Process
from krokarm.strategies.tests.factories import upload, url

pytestmark = pytest.mark.usefixtures("committed_db")

REGION = "kapplopningens-region"
AGENCY = "kapplopningsverket"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@dataclass
class World:
    region: Actor
    agency: Actor
    phase: Phase
    entry: EntryPoint


@pytest.fixture
def world(committed_db: None) -> World:
    with zeal_ignore():
        region = make_actor(REGION, kind=Actor.Kind.REGION, name="Region Kapplöpning")
        agency = make_actor(AGENCY, name="Kapplöpningsverket")
        process = Process.objects.create(region=region, title="Revidering", status=Process.Status.REVISION)
        phase = Phase.objects.create(process=process, kind=Phase.Kind.CONSULTATION)
        today = timezone.localdate()
        entry = actions.create_entry_point(
            {
                "phase": phase,
                "kind": EntryPoint.Kind.CONSULTATION,
                "title": "Remiss",
                "description": "Svara gärna.",
                "opens_on": today - dt.timedelta(days=1),
                "closes_on": today + dt.timedelta(days=10),
            },
            user=None,
            source="test",
        )
    return World(region, agency, phase, entry)


def person(actor: Actor, role: str = Affiliation.Role.MEMBER) -> User:
    with zeal_ignore():
        user: User = UserFactory.create()
        affiliate(user, actor, role, source="test")
    return user


def signed_in(user: User) -> Client:
    client = Client()
    with zeal_ignore():
        client.force_login(user)
    return client


def test_a_double_click_arriving_twice_at_once_sends_one_contribution_with_its_files(world: World) -> None:
    officer = person(world.agency)
    first, second = signed_in(officer), signed_in(officer)  # two connections, one person, one key
    key = "c0ffee" * 5

    def send(client: Client) -> Callable[[], Any]:
        data = {"bidrag-actor": AGENCY, "bidrag-text": "Vårt remissvar.", "bidrag-once": key}
        return lambda: client.post(url("contribute", world.entry.pk), {**data, "bidrag-attachments": [upload()]})

    responses = returned(at_once(send(first), send(second)))
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]  # both are shown the one contribution
    contribution = Contribution.objects.get()  # exactly one
    assert contribution.text == "Vårt remissvar." and Attachment.objects.count() == 1
    assert AuditEntry.objects.filter(action="contribution.created").count() == 1


def test_a_double_click_arriving_twice_at_once_publishes_one_entry_point(world: World) -> None:
    user = person(world.region, Affiliation.Role.EDITOR)
    first, second = signed_in(user), signed_in(user)
    today = timezone.localdate()
    data = {
        "phase": str(world.phase.pk),
        "kind": "dialog",
        "title": "Dialog om kompetens",
        "description": "Kom och prata.",
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=5)).isoformat(),
        "once": "d1a109" * 5,
    }
    responses = returned(at_once(*(lambda c=c: c.post(url("add_entry_point", REGION), data) for c in (first, second))))
    assert [r.status_code for r in responses] == [302, 302]
    assert EntryPoint.objects.filter(title="Dialog om kompetens").count() == 1


def test_two_editors_saving_a_phase_at_once_get_one_save_and_one_409_that_keeps_the_text(world: World) -> None:
    editors = [signed_in(person(world.region, Affiliation.Role.EDITOR)) for _ in range(2)]
    notes = ["Anteckning ett", "Anteckning två"]
    version = str(world.phase.version)
    requests = [
        lambda c=client, n=note: c.post(url("edit_phase", REGION, world.phase.pk), {"version": version, "note": n})
        for client, note in zip(editors, notes, strict=True)
    ]
    responses = returned(at_once(*requests))
    assert sorted(r.status_code for r in responses) == [302, 409]
    lost = next(i for i, r in enumerate(responses) if r.status_code == 409)
    assert notes[lost] in responses[lost].text  # the refused editor's text is still in their form
    assert "Någon annan har sparat en ändring medan du skrev." in responses[lost].text
    world.phase.refresh_from_db()
    assert world.phase.note == notes[1 - lost] and world.phase.version == 2
    assert AuditEntry.objects.filter(action="phase.updated").count() == 1  # the log matches what is stored


def test_two_officers_acknowledging_at_once_get_one_success_and_one_409(world: World) -> None:
    with zeal_ignore():
        contribution = actions.submit_contribution(
            world.entry,
            user=person(world.agency),
            actor=world.agency,
            text="Svar",
            files=[(upload(), uploads.KINDS["pdf"])],
        )
    officers = [signed_in(person(world.region)) for _ in range(2)]
    replies = ["Tack!", "Tack, vi återkommer."]
    prefix = f"bidrag-{contribution.pk}"
    requests = [
        lambda c=client, r=reply: c.post(
            url("acknowledge", world.entry.pk, contribution.pk), {f"{prefix}-reply": r, f"{prefix}-version": "1"}
        )
        for client, reply in zip(officers, replies, strict=True)
    ]
    responses = returned(at_once(*requests))
    assert sorted(r.status_code for r in responses) == [302, 409]
    lost = next(i for i, r in enumerate(responses) if r.status_code == 409)
    assert replies[lost] in responses[lost].text
    contribution.refresh_from_db()
    assert contribution.acknowledgement == replies[1 - lost]
    assert AuditEntry.objects.filter(action="contribution.acknowledged").count() == 1


def test_two_editors_adding_the_same_phase_at_once_get_one_phase_and_a_clear_refusal(world: World) -> None:
    editors = [signed_in(person(world.region, Affiliation.Role.EDITOR)) for _ in range(2)]
    process = world.phase.process_id
    requests = [lambda c=client: c.post(url("add_phase", REGION, process), {"kind": "beslut"}) for client in editors]
    responses = returned(at_once(*requests))
    statuses = sorted(r.status_code for r in responses)
    assert statuses in ([302, 409], [302, 400])  # 400 when the other's phase was saved before this form was read
    lost = next(r for r in responses if r.status_code != 302)
    refusals = ("någon annan sparade samma sak alldeles nyss", "Välj en fas som processen inte har än.")
    assert any(refusal in lost.text for refusal in refusals)
    assert Phase.objects.filter(process_id=process, kind="beslut").count() == 1
