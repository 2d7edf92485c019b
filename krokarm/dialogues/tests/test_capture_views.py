"""The session page and the facilitator's quick capture: notes, insights and proposals, newest first."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.dialogues import actions
from krokarm.dialogues.models import DialogueSession, Note, Proposal
from krokarm.dialogues.tests.test_event_views import editor, log_in, make_event, make_session, person, url

pytestmark = pytest.mark.django_db


def session_url(session: DialogueSession) -> str:
    return url("session", session.event.slug, session.pk)


def test_the_facilitator_captures_a_note_and_stays_on_the_page(client: Any) -> None:
    facilitator = person("region-varmland")
    session = make_session(make_event(days=-1), facilitator=facilitator)
    log_in(client, facilitator)
    assert 'name="kind"' in client.get(session_url(session)).text
    response = client.post(session_url(session), {"kind": Note.Kind.INSIGHT, "text": "Myndigheterna vill samordna."})
    assert response.status_code == 302 and response["Location"] == f"{session_url(session)}#fangat"
    note = Note.objects.get(session=session)
    assert note.kind == Note.Kind.INSIGHT and note.author == facilitator
    page = client.get(response["Location"]).text
    assert "Insikten är sparad." in page and "Myndigheterna vill samordna." in page
    assert "Myndigheterna vill samordna.</textarea>" not in page  # the form is empty again


def test_a_proposal_gets_its_title_from_the_text_when_none_is_given(client: Any) -> None:
    session = make_session(make_event(days=-1))
    log_in(client, editor())
    client.post(session_url(session), {"kind": "forslag", "text": "En gemensam väg in\nFör alla myndigheter."})
    proposal = Proposal.objects.get(session=session)
    assert proposal.title == "En gemensam väg in"
    client.post(session_url(session), {"kind": "forslag", "title": "Tydliga roller", "text": "Vem gör vad?"})
    assert Proposal.objects.filter(session=session, title="Tydliga roller").exists()


def test_the_newest_item_comes_first(client: Any) -> None:
    session = make_session(make_event(days=-1))
    with zeal_ignore():
        actions.capture_note(session, user=None, kind=Note.Kind.NOTE, text="Först sagt")
        actions.capture_proposal(session, user=None, title="Sedan föreslaget", text="Förslagstext")
        actions.capture_note(session, user=None, kind=Note.Kind.INSIGHT, text="Sist insett")
    text = client.get(session_url(session)).text
    assert text.index("Sist insett") < text.index("Sedan föreslaget") < text.index("Först sagt")


def test_capture_errors_keep_the_input(client: Any) -> None:
    session = make_session(make_event(days=-1))
    log_in(client, editor())
    response = client.post(session_url(session), {"kind": "", "text": "Det här får inte försvinna"})
    assert response.status_code == 400
    assert "Välj anteckning, insikt eller förslag." in response.text
    assert "Det här får inte försvinna" in response.text
    assert not Note.objects.filter(session=session).exists()


def test_others_see_the_session_but_cannot_capture(client: Any) -> None:
    session = make_session(make_event(days=-1))
    anonymous = client.get(session_url(session))
    assert anonymous.status_code == 200 and 'name="kind"' not in anonymous.text
    response = client.post(session_url(session), {"kind": Note.Kind.NOTE, "text": "Hej"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, editor("csn"))
    assert 'name="kind"' not in client.get(session_url(session)).text
    assert client.post(session_url(session), {"kind": Note.Kind.NOTE, "text": "Hej"}).status_code == 403
    assert not Note.objects.filter(session=session).exists()


def test_a_session_of_another_event_is_not_found(client: Any) -> None:
    session = make_session(make_event(days=-1))
    other = make_event(title="En annan dialog")
    assert client.get(url("session", other.slug, session.pk)).status_code == 404
    assert client.put(session_url(session)).status_code == 405


def test_the_session_page_needs_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    session = make_session(make_event(days=-1))
    with zeal_ignore():
        for number in range(4):
            actions.capture_note(session, user=None, kind=Note.Kind.NOTE, text=f"Anteckning {number}")
            actions.capture_proposal(session, user=None, title=f"Förslag {number}", text="Text")
    user = editor()
    log_in(client, user)
    with django_assert_max_num_queries(14):
        assert client.get(session_url(session)).status_code == 200


def test_the_organisers_editor_adds_a_session(client: Any) -> None:
    event = make_event()
    user = editor()
    log_in(client, user)
    assert client.get(url("add_session", event.slug)).status_code == 200
    response = client.post(url("add_session", event.slug), {"title": "Kompetensförsörjning", "theme": ""})
    session = DialogueSession.objects.get(event=event)
    assert response.status_code == 302 and response["Location"] == session_url(session)
    assert session.facilitator == user


def test_adding_a_session_keeps_the_input_on_errors(client: Any) -> None:
    event = make_event()
    log_in(client, editor())
    response = client.post(url("add_session", event.slug), {"title": "", "facilitator_name": "Region Värmland"})
    assert response.status_code == 400 and "Skriv passets ämne." in response.text
    assert 'value="Region Värmland"' in response.text


def test_only_the_organiser_adds_sessions(client: Any) -> None:
    event = make_event()
    response = client.get(url("add_session", event.slug))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, editor("csn"))
    assert client.post(url("add_session", event.slug), {"title": "Kapat"}).status_code == 403
    assert not DialogueSession.objects.filter(event=event).exists()
