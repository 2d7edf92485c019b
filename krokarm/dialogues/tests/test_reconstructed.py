"""Issue 16: the dialogue day of 2019 as the sources give it, and what krokarm reconstructed flagged everywhere.

The test database holds data/dialogues as `krokarm seed` loaded it. The day was Tuesday 3 December 2019, at
Tillväxtverket's conference "Hållbar regional utveckling" in Stockholm (Tillväxtverket's news item of 2019-11-26);
its times are not known. The sessions, their notes, one proposal and every next step are krokarm's reconstruction;
the next steps are krokarm's own proposals, owned by no real organisation; the 2027 meeting is an example.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document

from krokarm.actors import reference_data as actors_ref
from krokarm.dialogues import reference_data
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Progress, Proposal

pytestmark = pytest.mark.django_db

DIRECTORY = Path(settings.DATA_DIR) / "dialogues"
DIALOGUE_DAY = "dialogdag-nationell-och-regional-niva-december-2019"
MEETING = "natverksmote-vad-hande-sedan-mars-2027"
NEWS_ITEM = (
    "https://tillvaxtverket.se/medarbetar-sidor/aktuellt/aktuellt-2019/"
    "2019-11-26-dialog-i-fokus-nar-regioner-och-myndigheter-mots.html"
)
NOTICE = "Rekonstruerat exempel – inte ett protokoll"
NO_OWNER = "Förslag från krokarm – ingen ansvarig ännu"
STATED_PROPOSALS = {
    "En gemensam väg in till myndigheterna för kompetensförsörjning",
    "Samordna strukturfondsprogrammen så att de når både individer och företag",
    "Koppla ihop myndighetsnätverket och RUS-nätverket",
}


def seeded_followups() -> list[FollowUp]:
    return list(FollowUp.objects.filter(proposal__session__event__slug__in=[DIALOGUE_DAY, MEETING]))


def unfolded(body: bytes) -> str:
    """An iCalendar file with its folded lines joined again (RFC 5545 3.1)."""
    return body.decode("utf-8").replace("\r\n ", "")


# --- The data ----------------------------------------------------------------------------------------------


def test_the_2019_dialogue_day_is_all_day_on_tuesday_3_december_2019_in_stockholm() -> None:
    event = Event.objects.get(slug=DIALOGUE_DAY)
    assert event.all_day and event.day == dt.date(2019, 12, 3)
    assert event.organiser is not None and event.organiser.slug == "tillvaxtverket"
    assert "Stockholm" in event.place and event.source_url == NEWS_ITEM
    assert event.agenda == ""  # no invented times
    assert not DialogueSession.objects.filter(event=event, starts_at__isnull=False).exists()


def test_no_seeded_next_step_is_owned_by_a_real_organisation_done_or_reported_on() -> None:
    followups = seeded_followups()
    assert len(followups) == 8
    for followup in followups:
        assert followup.reconstructed, followup.title
        assert followup.owner is None, followup.title
        assert followup.status != FollowUp.Status.DONE, followup.title
    assert not Progress.objects.filter(followup__in=followups).exists()


def test_the_three_proposals_the_seed_text_states_are_confirmed_with_their_source() -> None:
    stated = Proposal.objects.filter(session__event__slug=DIALOGUE_DAY, title__in=STATED_PROPOSALS)
    assert {p.title for p in stated} == STATED_PROPOSALS
    assert all(not p.reconstructed and p.source for p in stated)
    assert "verksamt.se" in stated.get(title__startswith="En gemensam väg in").text
    description = Event.objects.get(slug=DIALOGUE_DAY).description
    assert "inte bekräftade" not in description


def test_the_reconstructed_sessions_notes_and_first_proposal_carry_the_flag() -> None:
    sessions = DialogueSession.objects.filter(event__slug=DIALOGUE_DAY)
    assert sessions.count() == 4 and all(s.reconstructed for s in sessions)
    notes = Note.objects.filter(session__event__slug=DIALOGUE_DAY)
    assert notes.exists() and all(n.reconstructed for n in notes)
    assert Proposal.objects.get(title="Tydliggör vem som ansvarar för vad").reconstructed


def test_the_2027_meeting_is_a_flagged_example_with_no_organiser() -> None:
    meeting = Event.objects.get(slug=MEETING)
    assert meeting.reconstructed and meeting.organiser is None


def test_the_files_refuse_a_reconstructed_next_step_with_an_owner_or_done(tmp_path: Path) -> None:
    known = reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))
    text = (
        "slug: x\ntitle: X\nkind: dialogdag\norganiser: tillvaxtverket\nsource: https://example.se/\n"
        "date: 2019-12-03\nsessions:\n  - title: Pass\n    proposals:\n      - title: F\n        text: F\n"
        "        status: omsatt\n        followups:\n          - title: Steg\n            due_on: 2026-01-01\n"
    )
    for extra in ["            owner: tillvaxtverket\n            status: planerad\n", "            status: klar\n"]:
        (tmp_path / "x.yaml").write_text(text + extra, encoding="utf-8")
        with pytest.raises(reference_data.ReferenceDataError, match="no owner, no progress note"):
            reference_data.load(tmp_path, known)


def test_an_all_day_event_with_times_or_an_agenda_is_refused(tmp_path: Path) -> None:
    known = reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))
    base = "slug: x\ntitle: X\nkind: dialogdag\norganiser: tillvaxtverket\nsource: https://example.se/\n"
    (tmp_path / "x.yaml").write_text(base + "date: 2019-12-03\nagenda: ['09:30 Välkommen']\n", encoding="utf-8")
    with pytest.raises(reference_data.ReferenceDataError, match="no agenda"):
        reference_data.load(tmp_path, known)
    (tmp_path / "x.yaml").write_text(
        base + "date: 2019-12-03\nstarts_at: 2019-12-03T09:30:00+01:00\n", encoding="utf-8"
    )
    with pytest.raises(reference_data.ReferenceDataError, match="not both"):
        reference_data.load(tmp_path, known)


# --- Pages, exports, the calendar and the API ------------------------------------------------------------------


def test_the_event_page_shows_only_the_date_and_flags_what_is_reconstructed(client: Any) -> None:
    response = client.get(reverse("dialogues:event", args=[DIALOGUE_DAY]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "3 december 2019" in text and "heldag" in text
    assert "09:30" not in text and "5 december" not in text
    assert NOTICE in text and NO_OWNER in text


def test_the_example_meetings_page_says_it_is_an_example_with_no_organiser(client: Any) -> None:
    text = client.get(reverse("dialogues:event", args=[MEETING])).content.decode()
    assert NOTICE in text and "ingen arrangör" in text and "Tillväxtverket arrangerar" not in text


def test_the_session_page_says_its_notes_are_reconstructed_not_recorded(client: Any) -> None:
    session = DialogueSession.objects.get(event__slug=DIALOGUE_DAY, position=2)
    text = client.get(session.get_absolute_url()).content.decode()
    assert "Från passet" in text and NOTICE in text
    assert "inte anteckningar som fördes under dagen" in text


def test_a_next_steps_page_says_it_is_krokarms_proposal_with_nobody_responsible(client: Any) -> None:
    followup = seeded_followups()[0]
    text = client.get(followup.get_absolute_url()).content.decode()
    assert NOTICE in text and NO_OWNER in text


def test_the_calendar_gives_the_day_as_a_date_without_times(client: Any) -> None:
    body = unfolded(client.get(reverse("dialogues:event_calendar", args=[DIALOGUE_DAY])).content)
    assert "DTSTART;VALUE=DATE:20191203" in body and "DTEND;VALUE=DATE:20191204" in body
    assert "T0930" not in body and "20191205" not in body
    assert "rekonstruerade exempel – inte ett protokoll" in body


def test_the_calendar_marks_the_example_meeting_as_reconstructed(client: Any) -> None:
    body = unfolded(client.get(reverse("dialogues:event_calendar", args=[MEETING])).content)
    assert "X-KROKARM-RECONSTRUCTED:TRUE" in body
    assert f"DESCRIPTION:{NOTICE}." in body


def test_the_api_marks_reconstructed_items_and_the_all_day_date(client: Any) -> None:
    body = client.get(f"/api/v1/events/{DIALOGUE_DAY}").json()
    assert body["all_day"] is True and body["date"] == "2019-12-03" and body["reconstructed"] is False
    assert all(session["reconstructed"] and session["notice"] == NOTICE for session in body["sessions"])
    proposals = [p for s in body["sessions"] for p in s["proposals"]]
    assert {p["title"] for p in proposals if not p["reconstructed"]} == STATED_PROPOSALS
    followups = [f for p in proposals for f in p["followups"]]
    assert followups and all(f["reconstructed"] and f["owner"] is None for f in followups)
    meeting = client.get(f"/api/v1/events/{MEETING}").json()
    assert meeting["reconstructed"] is True and meeting["organiser"] is None and meeting["notice"] == NOTICE


def test_the_action_register_csv_carries_the_flag_and_no_owner(client: Any) -> None:
    response = client.get(reverse("dialogues:actions_csv"), {"dialog": DIALOGUE_DAY})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    assert len(rows) == 8
    assert all(r["reconstructed"] == "ja" and r["notice"] == NOTICE for r in rows)
    assert all(r["owner"] == "" and r["owner_name"] == NO_OWNER for r in rows)


def test_the_report_and_its_word_document_carry_the_notice(client: Any) -> None:
    page = client.get(reverse("dialogues:report", args=[DIALOGUE_DAY])).content.decode()
    assert NOTICE in page and "3 december 2019 (heldag" in page and NO_OWNER in page
    response = client.get(reverse("dialogues:report_docx", args=[DIALOGUE_DAY]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert NOTICE in text and NO_OWNER in cells and "3 december 2019 (heldag" in cells
