"""API v1 /programmes: public reads, filters on fund, county, theme and target, the one error shape."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.funding.models import Programme

pytestmark = pytest.mark.django_db


def slugs(body: dict[str, Any]) -> set[str]:
    return {p["slug"] for p in body["items"]}


def test_the_list_has_every_programme_with_its_details(client: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/programmes", {"limit": 200}).json()
    assert body["count"] == Programme.objects.count()
    fro = next(p for p in body["items"] if p["slug"] == "fonden-for-en-rattvis-omstallning")
    assert fro["managing_authority"] == {"slug": "tillvaxtverket", "kind": "agency", "name": "Tillväxtverket"}
    assert [c["code"] for c in fro["counties"]] == ["09", "24", "25"]
    assert [r["target"] for r in fro["reach"]] == ["individer", "foretag", "organisationer"]
    assert fro["page"] == "/finansiering/fonden-for-en-rattvis-omstallning/"


@pytest.mark.parametrize(
    ("query", "included", "excluded"),
    [
        ({"fund": "fro"}, "fonden-for-en-rattvis-omstallning", "esf-plus"),
        ({"county": "gotlands-lan"}, "regionalfonden-smaland-och-oarna", "regionalfonden-stockholm"),
        ({"county": "01"}, "regionalfonden-stockholm", "regionalfonden-skane-blekinge"),
        ({"theme": "samiska-fragor"}, "interreg-aurora", "interreg-europe"),
        ({"target": "individer"}, "esf-plus-b", "esf-plus-e"),
    ],
)
def test_the_list_filters(client: Any, query: dict[str, str], included: str, excluded: str) -> None:
    found = slugs(client.get("/api/v1/programmes", {**query, "limit": 200}).json())
    assert included in found and excluded not in found


@pytest.mark.parametrize(
    ("query", "code"),
    [({"county": "atlantis"}, "unknown_county"), ({"theme": "rymdfart"}, "unknown_theme")],
)
def test_unknown_filters_are_refused_in_the_one_error_shape(client: Any, query: dict[str, str], code: str) -> None:
    response = client.get("/api/v1/programmes", query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_an_invalid_fund_is_a_validation_error(client: Any) -> None:
    response = client.get("/api/v1/programmes", {"fund": "marshallplanen"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_one_programme_and_a_404_for_an_unknown_one(client: Any) -> None:
    body = client.get("/api/v1/programmes/esf-plus-d").json()
    assert body["parent"] == {"slug": "esf-plus", "name": "Socialfondsprogrammet ESF+"}
    assert body["confirmed"] is True
    missing = client.get("/api/v1/programmes/marshallplanen")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
