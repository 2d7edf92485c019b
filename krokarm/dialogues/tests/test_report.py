"""The dialogue report: the printable page and the Word document, built from the same content."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.dialogues import report
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal, Registration, Support

pytestmark = pytest.mark.django_db

PERSON = "Åsa Öberg-Ärlig"  # a person's name that must never appear in a report


def actor(slug: str) -> Actor:
    return Actor.objects.get(slug=slug)


def dialogue(slug: str = "dialogdag-om-kompetens", *, sessions: bool = True) -> Event:
    """A past dialogue day: two sessions, insights and notes, a supported proposal with three actions."""
    with zeal_ignore():  # building the test data looks actors up one by one
        return _dialogue(slug, sessions=sessions)


def _dialogue(slug: str, *, sessions: bool) -> Event:
    person = UserFactory.create(first_name="Åsa", last_name="Öberg-Ärlig", email="asa@example.se")
    starts = timezone.make_aware(dt.datetime(2019, 12, 13, 9, 30))
    event = Event.objects.create(
        slug=slug,
        title="Dialogdag: kompetensförsörjning i hela Sverige",
        kind=Event.Kind.DIALOGUE_DAY,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        place="Tillväxtverket, Stockholm",
        organiser=actor("tillvaxtverket"),
        description="Regioner och myndigheter möts om kompetensförsörjning.",
        agenda="09:30 Välkommen\n10:00 Dialogpass",
        created_by=person,
    )
    Registration.objects.create(event=event, user=person, actor=actor("region-ostergotland"))
    cancelled = UserFactory.create(email="avbokad@example.se")
    Registration.objects.create(
        event=event, user=cancelled, actor=actor("region-gotland"), status=Registration.Status.CANCELLED
    )
    if not sessions:
        return event
    theme = Theme.objects.filter(kind=Theme.Kind.TOPIC).order_by("pk").first()
    first = DialogueSession.objects.create(
        event=event, title="Roller och mandat", position=1, facilitator=person, facilitator_name=PERSON, theme=theme
    )
    first.participants.add(actor("arbetsformedlingen"), actor("skolverket"))
    second = DialogueSession.objects.create(event=event, title="Kompetensförsörjning", position=2)
    Note.objects.create(session=first, kind=Note.Kind.INSIGHT, text="Ansvaret är otydligt för många.", author=person)
    Note.objects.create(session=first, kind=Note.Kind.NOTE, text="Återkom till frågan i mars.", author=person)
    Note.objects.create(session=second, kind=Note.Kind.INSIGHT, text="Samverkan ger mer än summan.")
    proposal = Proposal.objects.create(
        session=first,
        title="En gemensam väg in",
        text="Myndigheterna öppnar en gemensam väg in för frågor om kompetensförsörjning.",
        proposed_by=person,
    )
    Support.objects.create(proposal=proposal, actor=actor("region-skane"), user=person)
    Support.objects.create(proposal=proposal, actor=actor("csn"), user=person)
    today = timezone.localdate()
    for title, owner, due_on, status in [
        ("Öppna frågetjänsten", "tillvaxtverket", today - dt.timedelta(days=30), FollowUp.Status.ONGOING),
        ("Kartlägg ansvar", "arbetsformedlingen", today + dt.timedelta(days=60), FollowUp.Status.PLANNED),
        ("Samla regionerna", "region-skane", today - dt.timedelta(days=90), FollowUp.Status.DONE),
    ]:
        FollowUp.objects.create(
            proposal=proposal, title=title, owner=actor(owner), due_on=due_on, status=status, link="/fraga/"
        )
    Proposal.objects.create(session=second, title="Länka nätverken", text="Knyt ihop nätverken.")
    return event


def url(name: str, event: Event) -> str:
    return reverse(f"dialogues:{name}", args=[event.slug])


def test_the_report_is_built_once_as_plain_data() -> None:
    content = report.build_report(dialogue())
    assert [s.title for s in content.sessions] == ["Roller och mandat", "Kompetensförsörjning"]
    assert content.sessions[0].insights == ["Ansvaret är otydligt för många."]
    assert content.sessions[0].notes == ["Återkom till frågan i mars."]
    groups = {group.label: group.names for group in content.organisations}
    assert groups == {
        "Regioner": ["Region Östergötland"],
        "Myndigheter": ["Arbetsförmedlingen", "Statens skolverk"],
    }
    proposal = content.proposals[0]
    assert proposal.supporters == ["Centrala studiestödsnämnden", "Region Skåne"]
    assert [(a.title, a.overdue) for a in proposal.actions] == [
        ("Samla regionerna", False),
        ("Öppna frågetjänsten", True),
        ("Kartlägg ansvar", False),
    ]
    counts = {row.status: row.count for row in content.aftermath.by_status}
    assert counts == {"planerad": 1, "pagar": 1, "klar": 1, "stoppad": 0}
    assert (content.aftermath.overdue, content.aftermath.actions, content.aftermath.done_share) == (1, 3, 33)


def test_the_report_page_summarises_the_event_without_naming_people(client: Any) -> None:
    event = dialogue()
    response = client.get(url("report", event))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Dialogdag: kompetensförsörjning i hela Sverige",
        "Tillväxtverket, Stockholm",
        "13 december 2019, 09:30–15:30",
        "Region Östergötland",
        "Ansvaret är otydligt för många.",
        "En gemensam väg in",
        "Stöds av: Centrala studiestödsnämnden, Region Skåne",
        "Öppna frågetjänsten",
        "Försenad",
        "Vad hände sedan?",
        "2 förslag blev 3 nästa steg. 33 procent är klara och 1 är försenade.",
        url("report_docx", event),
    ]:
        assert text in page, text
    assert "Region Gotland" not in page  # cancelled registrations did not take part
    for private in ["Åsa", "Öberg", "asa@example.se", "avbokad@example.se"]:
        assert private not in page


def test_an_event_without_sessions_still_has_a_report(client: Any) -> None:
    event = dialogue("utan-pass", sessions=False)
    response = client.get(url("report", event))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Träffen har inga dialogpass." in page and "Inga förslag har lämnats." in page
    assert "Inga nästa steg är beslutade ännu." in page


def test_the_report_page_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    event = dialogue()
    with django_assert_max_num_queries(12):
        assert client.get(url("report", event)).status_code == 200


def test_an_unknown_event_has_no_report(client: Any) -> None:
    assert client.get(reverse("dialogues:report", args=["finns-inte"])).status_code == 404
    assert client.get(reverse("dialogues:report_docx", args=["finns-inte"])).status_code == 404


def test_the_report_pages_only_answer_get(client: Any) -> None:
    event = dialogue()
    assert client.post(url("report", event)).status_code == 405
    assert client.post(url("report_docx", event)).status_code == 405


def test_the_word_document_has_headings_the_actions_table_and_swedish_letters(client: Any) -> None:
    event = dialogue()
    response = client.get(url("report_docx", event))
    assert response.status_code == 200
    assert response["Content-Type"] == report.DOCX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="dialograpport-{event.slug}.docx"'
    document = Document(io.BytesIO(response.content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Dialogdag: kompetensförsörjning i hela Sverige") in headings
    for level, text in [
        ("Heading 1", "Deltagande organisationer"),
        ("Heading 1", "Dialogpass"),
        ("Heading 2", "Roller och mandat"),
        ("Heading 3", "Insikter"),
        ("Heading 1", "Förslag och nästa steg"),
        ("Heading 2", "En gemensam väg in"),
        ("Heading 1", "Vad hände sedan?"),
    ]:
        assert (level, text) in headings
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Nästa steg")
    rows = [[cell.text for cell in row.cells] for row in actions.rows]
    assert rows[0] == ["Nästa steg", "Ansvarig", "Klart senast", "Status"]
    assert [row[:2] for row in rows[1:]] == [
        ["Samla regionerna", "Region Skåne"],
        ["Öppna frågetjänsten", "Tillväxtverket"],
        ["Kartlägg ansvar", "Arbetsförmedlingen"],
    ]
    assert rows[2][3] == "Pågår (försenad)"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ansvaret är otydligt för många." in text and "Stöds av: Centrala studiestödsnämnden, Region Skåne" in text
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for private in ["Åsa", "Öberg", "asa@example.se"]:
        assert private not in text and private not in cells


def test_the_word_document_of_an_event_without_sessions(client: Any) -> None:
    event = dialogue("tom-dag", sessions=False)
    document = Document(io.BytesIO(client.get(url("report_docx", event)).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Träffen har inga dialogpass." in text and "Inga nästa steg är beslutade ännu." in text
