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
