"""The question page: ask in your own words, see who is responsible at once, no account needed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("wayin:ask")


def test_the_empty_question_page_explains_itself(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Vem kan svara på din fråga?" in response.text
    assert response.context["answer"] is None


def test_a_question_shows_the_responsible_actors_with_what_they_do_and_why(client):
    response = client.get(URL, {"q": "Jag har en sjuksköterskeexamen från Iran, hur får jag legitimation?"})
    answer = response.context["answer"]
    assert answer.results
    assert "socialstyrelsen" in [r.actor.slug for r in answer.results[:3]]
    assert "Socialstyrelsen" in response.text
    assert "Varför" in response.text


def test_a_place_in_the_question_names_the_municipality(client):
    response = client.get(URL, {"q": "Var kan jag läsa sfi i Skellefteå?"})
    slugs = [r.actor.slug for r in response.context["answer"].results]
    assert "skelleftea-kommun" in slugs
    assert "Skellefteå" in response.text


def test_the_county_field_places_a_local_question(client):
    response = client.get(URL, {"q": "Vem planerar kompetensförsörjningen i länet?", "county": "25"})
    assert response.context["answer"].results[0].actor.slug == "region-norrbotten"


def test_a_too_long_question_is_refused_with_a_message_and_the_text_kept(client):
    text = "Hur blir jag svetsare? " * 100
    response = client.get(URL, {"q": text})
    assert response.context["answer"] is None
    assert "Frågan är för lång" in response.text
    assert text.strip()[:200] in response.text


def test_an_unknown_asker_or_county_is_explained(client):
    response = client.get(URL, {"q": "komvux", "asker": "kung", "county": "99"})
    assert "Välj ett alternativ i listan." in response.text
    assert "Välj ett län i listan." in response.text


def test_an_empty_question_asks_for_one(client):
    response = client.get(URL, {"q": ""})
    assert "Skriv din fråga." in response.text


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405
