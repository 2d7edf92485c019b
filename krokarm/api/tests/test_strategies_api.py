"""API v1 /strategies, /processes, /entry-points and /needs: public reads, filters, the one error shape and
fixed query counts. Contributions are never in the API."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.needs.tests.factories import make_answer, make_need
from krokarm.strategies.tests.factories import (
    AGENCY,
    closed_entry_point,
    contribute,
    open_entry_point,
    upcoming_entry_point,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_strategies_list_every_regions_strategy_with_priorities(client: Any) -> None:
    body = client.get("/api/v1/strategies", {"limit": 200}).json()
    assert body["count"] >= 21
    ostergotland = next(s for s in body["items"] if s["slug"] == "utvecklingsstrategi-for-ostergotland")
    assert ostergotland["region"] == {"slug": "region-ostergotland", "kind": "region", "name": "Region Östergötland"}
    assert ostergotland["priorities"][2]["title"] == "Kunskap och kompetens"
    assert ostergotland["priorities"][2]["national_areas"][0]["slug"] == "kompetensforsorjning"
    assert ostergotland["page"] == "/strategier/region-ostergotland/"


def test_strategies_filter_on_region_and_refuse_an_unknown_one(client: Any) -> None:
    body = client.get("/api/v1/strategies", {"region": "region-ostergotland"}).json()
    assert {s["region"]["slug"] for s in body["items"]} == {"region-ostergotland"}
    error = client.get("/api/v1/strategies", {"region": "atlantis"})
    assert error.status_code == 400 and error.json()["error"]["code"] == "unknown_region"


def test_one_strategy_and_404_in_the_error_shape(client: Any) -> None:
    assert client.get("/api/v1/strategies/utvecklingsstrategi-for-ostergotland").json()["horizon"] == "2040"
    missing = client.get("/api/v1/strategies/finns-inte")
    assert missing.status_code == 404 and set(missing.json()["error"]) == {"status", "code", "message", "details"}


def test_processes_have_their_phases_in_order_and_filter_on_status(client: Any) -> None:
    body = client.get("/api/v1/processes", {"region": "region-ostergotland"}).json()
    process = body["items"][0]
    assert process["status"] == "revidering" and process["strategy"] == "utvecklingsstrategi-for-ostergotland"
    assert process["phases"][0]["kind"] == "remiss" and process["phases"][0]["ends_on"] == "2025-03-31"
    revisions = client.get("/api/v1/processes", {"status": "revidering", "limit": 200}).json()
    assert revisions["count"] and all(p["status"] == "revidering" for p in revisions["items"])
    assert client.get("/api/v1/processes", {"status": "kaos"}).status_code == 400


def test_each_phase_has_its_state_from_its_dates_and_last_update(client: Any) -> None:
    body = client.get("/api/v1/processes", {"region": "region-dalarna"}).json()
    states = {phase["kind"]: phase["state"] for process in body["items"] for phase in process["phases"]}
    # The decision was planned for April 2026 and nobody has said since whether it happened.
    assert states == {"dialog": "avslutad", "beslut": "ej_uppdaterad"}


def test_entry_points_filter_on_open_region_theme_and_agency_sorted_by_deadline(client: Any) -> None:
    later = open_entry_point(closes_in_days=30, title="Senare")
    sooner = open_entry_point(closes_in_days=5, title="Snart", invited=("csn",), themes=("tillganglighet",))
    closed = closed_entry_point()
    upcoming = upcoming_entry_point()

    def ids(**params: Any) -> list[int]:
        return [e["id"] for e in client.get("/api/v1/entry-points", {"limit": 200, **params}).json()["items"]]

    assert ids(open="true", region="region-ostergotland") == [sooner.pk, later.pk]
    assert closed.pk in ids(open="false") and upcoming.pk in ids(open="false") and later.pk not in ids(open="false")
    assert ids(open="true", theme="kompetensforsorjning") == [later.pk]
    assert sooner.pk not in ids(open="true", agency=AGENCY)
    everything = ids()
    assert {later.pk, sooner.pk, closed.pk, upcoming.pk} <= set(everything)
    body = client.get("/api/v1/entry-points", {"open": "true", "region": "region-ostergotland"}).json()
    assert body["items"][0]["state"] == "open" and body["items"][0]["page"] == f"/strategier/ingang/{sooner.pk}/"
    assert body["items"][0]["invited"] == [{"slug": "csn", "kind": "agency", "name": "Centrala studiestödsnämnden"}]


@pytest.mark.parametrize(
    ("field", "value", "status"), [("theme", "mars", 400), ("region", "atlantis", 400), ("agency", "kung", 404)]
)
def test_unknown_entry_point_filters_are_refused(client: Any, field: str, value: str, status: int) -> None:
    """A theme or region outside the document's enumeration is a wrong value; an agency krokarm lacks is not found."""
    response = client.get("/api/v1/entry-points", {field: value})
    assert response.status_code == status and response.json()["error"]["details"][0]["field"] == field


def test_one_entry_point_without_its_contributions(client: Any) -> None:
    entry = open_entry_point()
    contribute(entry, text="Hemligt remissvar")
    response = client.get(f"/api/v1/entry-points/{entry.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "remissvar" and body["region"]["slug"] == "region-ostergotland"
    assert "Hemligt" not in response.text and "contributions" not in body
    assert client.get("/api/v1/entry-points/999999").status_code == 404


def test_needs_list_open_needs_and_one_need_shows_answers_without_people(client: Any) -> None:
    need = make_need()
    make_answer(need)
    body = client.get("/api/v1/needs", {"region": "region-ostergotland"}).json()
    assert [n["id"] for n in body["items"]] == [need.pk]
    assert body["items"][0]["themes"][0]["slug"] == "kompetensforsorjning"
    assert client.get("/api/v1/needs", {"invited": AGENCY}).json()["count"] == 1
    detail = client.get(f"/api/v1/needs/{need.pk}")
    answer = detail.json()["answers"][0]
    assert answer["actor"]["slug"] == AGENCY and answer["kind"] == "erbjudande"
    assert "Handläggare" not in detail.text and "author" not in answer
    assert client.get("/api/v1/needs/999999").status_code == 404


def test_the_lists_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for days in (3, 9, 12):
        open_entry_point(closes_in_days=days)
    # The data version for the cache, the count, the rows, then one query per prefetched relation.
    with django_assert_num_queries(5):
        client.get("/api/v1/entry-points", {"open": "true"})
    with django_assert_num_queries(5):
        client.get("/api/v1/strategies")
    with django_assert_num_queries(4):
        client.get("/api/v1/processes")
