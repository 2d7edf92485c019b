"""API v1 /regions, /municipalities, /themes and the OpenAPI document."""

import pytest

pytestmark = pytest.mark.django_db


def test_regions_lists_all_21_with_their_counties(client):
    body = client.get("/api/v1/regions").json()
    assert body["count"] == 21
    first = body["items"][0]
    assert first["slug"] == "region-stockholm"
    assert first["county"] == {
        "code": "01",
        "name": "Stockholms län",
        "slug": "stockholms-lan",
        "letter": "AB",
        "seat": "Stockholm",
        "erdf_programme_area": "Stockholm",
    }


def test_municipalities_lists_all_290_with_code_and_county(client):
    body = client.get("/api/v1/municipalities", {"limit": 200}).json()
    assert body["count"] == 290
    assert body["items"][0]["code"] == "0114"
    assert body["items"][0]["county"]["code"] == "01"


def test_municipalities_can_be_filtered_on_county_code(client):
    assert client.get("/api/v1/municipalities", {"county": "14"}).json()["count"] == 49


def test_a_malformed_county_code_is_rejected(client):
    response = client.get("/api/v1/municipalities", {"county": "Skåne"})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "county"


def test_themes_have_the_four_strategic_areas_and_their_topics(client):
    items = client.get("/api/v1/themes", {"limit": 200}).json()["items"]
    areas = [t["slug"] for t in items if t["kind"] == "strategic_area"]
    assert {"likvardiga-mojligheter", "kompetensforsorjning", "innovation-och-foretagande", "tillganglighet"} <= set(
        areas
    )
    validering = next(t for t in items if t["slug"] == "validering")
    assert validering["parent"] == "kompetensforsorjning"


def test_the_openapi_document_describes_every_endpoint_and_the_error_shape(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in [
        "/api/v1/actors",
        "/api/v1/actors/{slug}",
        "/api/v1/regions",
        "/api/v1/municipalities",
        "/api/v1/themes",
    ]:
        assert path in spec["paths"]
    assert "400" in spec["paths"]["/api/v1/actors"]["get"]["responses"]
    assert "Error" in spec["components"]["schemas"]
    kind = next(p for p in spec["paths"]["/api/v1/actors"]["get"]["parameters"] if p["name"] == "kind")
    assert "agency" in str(kind["schema"])
