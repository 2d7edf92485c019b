"""GET /api/v1/route: the way in's answer as JSON."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_question_is_answered_with_ranked_actors(client):
    body = client.get(
        "/api/v1/route", {"q": "I was laid off from a tech company, who helps white-collar workers?"}
    ).json()
    assert body["results"][0]["actor"]["slug"] == "trr"
    assert body["confidence"] in {"high", "medium", "low"}


def test_region_and_asker_are_validated(client):
    response = client.get("/api/v1/route", {"q": "komvux", "region": "Skåne", "asker": "kung"})
    assert response.status_code == 400
    assert {d["field"] for d in response.json()["error"]["details"]} == {"region", "asker"}


def test_a_question_is_required(client):
    assert client.get("/api/v1/route").status_code == 400


def test_a_next_step_names_its_destination_and_whether_it_is_the_actors_website(client):
    results = client.get("/api/v1/route", {"q": "Var hittar jag lediga jobb i Platsbanken?"}).json()["results"]
    steps = {r["actor"]["slug"]: r["next_step"] for r in results}
    assert steps["arbetsformedlingen"] == {
        "label": "Platsbanken",
        "url": "https://arbetsformedlingen.se/platsbanken",
        "host": "arbetsformedlingen.se",
        "website": False,
    }
    assert steps["migrationsverket"] == {
        "label": "Webbplatsen för Migrationsverket",
        "url": "https://www.migrationsverket.se",
        "host": "migrationsverket.se",
        "website": True,
    }


def test_an_asker_is_never_offered_a_service_for_other_groups(client):
    body = client.get("/api/v1/route", {"q": "Var kan jag studera till undersköterska?", "asker": "individ"}).json()
    urls = [r["next_step"]["url"] for r in body["results"] if r["next_step"]]
    assert urls
    assert not [url for url in urls if "statsbidrag" in url]
