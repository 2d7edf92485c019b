"""GET /api/v1/search: the same search as the page, as JSON."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.needs.tests.factories import make_need

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


def test_the_api_finds_what_the_page_finds_grouped_by_kind(client: Any) -> None:
    need = make_need(title="Fler svetsare till verkstadsindustrin")
    body = client.get(URL, {"q": "svestare"}).json()
    assert body["by_kind"]["behov"] == 1
    assert body["total"] == sum(body["by_kind"].values())
    needs = [r for r in body["results"] if r["kind"] == "behov"]
    assert [r["url"] for r in needs] == [need.get_absolute_url()]
    assert "svetsare" in needs[0]["title"]


def test_one_kind_is_paged_and_counts_stay_for_every_kind(client: Any) -> None:
    first = client.get(URL, {"q": "kommun", "kind": "aktor", "limit": 5}).json()
    second = client.get(URL, {"q": "kommun", "kind": "aktor", "limit": 5, "offset": 5}).json()
    assert len(first["results"]) == 5 and len(second["results"]) == 5
    assert {r["url"] for r in first["results"]}.isdisjoint(r["url"] for r in second["results"])
    assert first["by_kind"] == second["by_kind"] and first["by_kind"]["aktor"] > 10


def test_an_unknown_county_is_a_400_in_the_one_error_shape(client: Any) -> None:
    response = client.get(URL, {"q": "kurs", "county": "atlantis"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_county"


def test_a_county_filter_keeps_that_county(client: Any) -> None:
    ours = make_need(title="Undersköterskor behövs", region="region-ostergotland")
    make_need(title="Undersköterskor saknas", region="region-skane")
    body = client.get(URL, {"q": "undersköterskor", "kind": "behov", "county": "ostergotlands-lan"}).json()
    assert [r["url"] for r in body["results"]] == [ours.get_absolute_url()]


def test_an_empty_query_is_refused(client: Any) -> None:
    assert client.get(URL, {"q": ""}).status_code in (400, 422)
