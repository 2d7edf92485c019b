"""A double click, a double tap on a phone or a resent page makes one thing, and the second answer shows it.

Every dialogue form that creates something carries a one-time key (`once`). The same form sent twice carries the
same key: the second submission is sent where the first one went, with a message that it was already saved.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db.models import Model

from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Progress, Proposal, Registration, Support
from krokarm.dialogues.tests.test_event_views import (
    OWNER,
    editor,
    log_in,
    make_event,
    make_followup,
    make_proposal,
    make_session,
    person,
    url,
)
from krokarm.dialogues.tests.test_event_views import form_data as event_data
from krokarm.dialogues.tests.test_followup_views import a_proposal

pytestmark = pytest.mark.django_db
ALREADY = "Det här var redan sparat: formuläret skickades två gånger."


def twice(client: Any, address: str, data: dict[str, Any]) -> tuple[Any, Any]:
    """The same form sent two times, as a double click sends it."""
    data = {**data, "once": uuid.uuid4().hex}
    return client.post(address, data), client.post(address, data)


def shows_the_first(client: Any, first: Any, second: Any) -> None:
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ALREADY in client.get(second["Location"]).text


@pytest.mark.parametrize(
    ("kind", "model"),
    [("anteckning", Note), ("insikt", Note), ("forslag", Proposal)],
    ids=["note", "insight", "proposal"],
)
def test_a_double_tapped_capture_is_saved_once(client: Any, kind: str, model: type[Model]) -> None:
    facilitator = person("region-varmland")
    session = make_session(make_event(days=-1), facilitator=facilitator)
    log_in(client, facilitator)
    first, second = twice(
        client, url("session", session.event.slug, session.pk), {"kind": kind, "text": "Sagt en gång"}
    )
    shows_the_first(client, first, second)
    assert first["Location"].endswith("#fangat")
    assert model._default_manager.filter(session=session).count() == 1


def test_two_captures_from_two_forms_are_both_saved(client: Any) -> None:
    session = make_session(make_event(days=-1))
    log_in(client, editor())
    address = url("session", session.event.slug, session.pk)
    for text in ("Först", "Sedan"):
        data = {"kind": "anteckning", "text": text, "once": uuid.uuid4().hex}
        assert client.post(address, data).status_code == 302
    assert sorted(Note.objects.filter(session=session).values_list("text", flat=True)) == ["Först", "Sedan"]


def test_a_double_submitted_event_is_published_once(client: Any) -> None:
    log_in(client, editor())
    shows_the_first(client, *twice(client, url("create"), event_data(title="En gång")))
    assert Event.objects.filter(title="En gång").count() == 1


def test_a_double_submitted_session_is_added_once(client: Any) -> None:
    event = make_event()
    log_in(client, editor())
    shows_the_first(client, *twice(client, url("add_session", event.slug), {"title": "Ett pass", "theme": ""}))
    assert DialogueSession.objects.filter(event=event).count() == 1


def test_a_double_submitted_registration_registers_once_without_a_refusal(client: Any) -> None:
    event = make_event(capacity=1)
    user = person(OWNER)
    log_in(client, user)
    first, second = twice(client, url("register", event.slug), {"actor": OWNER})
    shows_the_first(client, first, second)  # not "you are already registered" for one click
    assert Registration.objects.get(event=event, user=user).status == Registration.Status.REGISTERED


def test_a_double_submitted_support_is_given_once(client: Any) -> None:
    proposal = a_proposal()
    log_in(client, person(OWNER))
    shows_the_first(client, *twice(client, url("support", proposal.pk), {"actor": OWNER}))
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_a_double_submitted_next_step_is_created_once(client: Any) -> None:
    proposal = make_proposal(make_session(make_event(days=-10)))
    log_in(client, editor())
    data = {"title": "Bygg en väg in", "owner": OWNER, "due_on": "2027-06-30", "description": "", "link": ""}
    first, second = twice(client, url("create_followup", proposal.pk), data)
    shows_the_first(client, first, second)
    assert FollowUp.objects.filter(proposal=proposal).count() == 1


def test_a_double_submitted_progress_note_is_saved_once(client: Any) -> None:
    followup = make_followup(a_proposal())
    log_in(client, editor(OWNER))
    data = {"status": "klar", "text": "Klart.", "version": str(followup.version)}
    shows_the_first(client, *twice(client, url("update_followup", followup.pk), data))
    assert Progress.objects.filter(followup=followup).count() == 1
