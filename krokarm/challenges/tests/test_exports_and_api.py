"""Open data: the CSV and JSON downloads and the API's list and detail of challenges."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from krokarm.challenges.models import Challenge
from krokarm.challenges.tests.factories import (
    REGION,
    SEEDED,
    editor,
    make_approach,
    make_challenge,
    make_participant,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_csv_has_one_row_per_challenge_and_opens_in_excel(client: Any) -> None:
    challenge = make_challenge(title="Vård i hela landet – åäö")
    make_participant(challenge, "skolverket", "finansierar")
    make_approach(challenge, REGION)
    response = client.get(url("export_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert len(rows) == Challenge.objects.count()
    row = next(r for r in rows if r["slug"] == challenge.slug)
    assert row["title"] == "Vård i hela landet – åäö" and row["approach_regions"] == REGION
    assert set(row["participants"].split(";")) == {"arbetsformedlingen:leder", "skolverket:finansierar"}


def test_the_json_lists_participants_and_approach_regions(client: Any) -> None:
    response = client.get(url("export_json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    seeded = next(c for c in data["challenges"] if c["slug"] == SEEDED)
    assert seeded["kind"] == "platsbaserad" and seeded["lead"] == "tillvaxtverket"
    assert seeded["approach_regions"] == ["region-norrbotten", "region-vasterbotten"]
    assert {"actor": "arbetsformedlingen", "name": "Arbetsförmedlingen", "role": "bidrar"} in seeded["participants"]


def test_the_exports_run_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(3):
        make_approach(make_challenge(title=f"Utmaning {number}"))
    with django_assert_max_num_queries(5):
        client.get(url("export_json"))


def test_the_api_lists_challenges_with_filters(client: Any) -> None:
    response = client.get("/api/v1/challenges", {"kind": "platsbaserad"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["slug"] == SEEDED
    assert body["items"][0]["lead"]["slug"] == "tillvaxtverket"
    by_status = client.get("/api/v1/challenges", {"status": "forslag"}).json()
    assert [c["slug"] for c in by_status["items"]] == ["en-gemensam-vag-in-for-kompetensforsorjning"]
    by_theme = client.get("/api/v1/challenges", {"theme": "klimat-energi-och-miljo"}).json()
    assert [c["slug"] for c in by_theme["items"]] == ["omstallning-till-ett-fossilfritt-samhalle"]


def test_the_api_refuses_unknown_filter_values(client: Any) -> None:
    assert client.get("/api/v1/challenges", {"theme": "finns-inte"}).status_code == 400
    assert client.get("/api/v1/challenges", {"status": "okand"}).status_code in {400, 422}


def test_the_api_gives_one_challenge_with_outcomes_participants_and_approaches(client: Any) -> None:
    response = client.get(f"/api/v1/challenges/{SEEDED}")
    assert response.status_code == 200
    body = response.json()
    assert [a["region"]["slug"] for a in body["approaches"]] == ["region-norrbotten", "region-vasterbotten"]
    assert body["approaches"][0]["measures"] and body["approaches"][0]["source"].startswith("https://")
    assert len(body["outcomes"]) == 2 and body["outcomes"][0]["indicator"]
    assert {p["actor"]["slug"]: p["role"] for p in body["participants"]}["tillvaxtverket"] == "leder"


def test_the_api_says_when_a_challenge_is_missing(client: Any) -> None:
    assert client.get("/api/v1/challenges/finns-inte").status_code == 404


def test_the_api_detail_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(7):
        client.get(f"/api/v1/challenges/{SEEDED}")


def test_a_title_an_editor_wrote_like_a_formula_comes_out_of_the_csv_as_text(client: Any) -> None:
    challenge = make_challenge(user=editor(), title="@SUM(A1:A9)")
    body = client.get(url("export_csv")).content.decode("utf-8").removeprefix("\ufeff")
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["slug"] == challenge.slug)
    assert row["title"] == "'@SUM(A1:A9)"
