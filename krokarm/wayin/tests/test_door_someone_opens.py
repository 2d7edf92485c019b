"""The way in offers "Skicka frågan" only to actors someone there can receive it for; the others get their own
contact route (issue 17: never a promise nobody keeps)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from krokarm.accounts.tests.factories import member_of
from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db
URL = reverse("wayin:ask")
QUESTION = {"q": "Hur validerar jag min svetsarkompetens?", "asker": "individ"}


def _first(client: Any) -> tuple[Any, str]:
    response = client.get(URL, QUESTION)
    return response.context["answer"].results[0].actor, response.content.decode()


def test_no_answer_offers_to_send_the_question_to_an_actor_nobody_receives_cases_for(client: Any) -> None:
    response = client.get(URL, QUESTION)
    text = response.content.decode()
    results = response.context["answer"].results
    assert results
    assert "Skicka frågan till" not in text
    assert "/fraga/skicka/" not in text
    assert "Hittar du inte svaret hos dem? Skicka frågan" not in text
    first = results[0].actor
    assert f"{first.name} tar inte emot frågor via krokarm ännu." in text


def test_an_actor_that_cannot_receive_cases_is_shown_with_its_own_website(client: Any) -> None:
    first, text = _first(client)
    actor = Actor.objects.get(slug=first.slug)
    assert actor.website
    host = actor.website.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")
    assert f'<a href="{actor.website}">deras webbplats ({host})</a>' in text


def test_once_someone_works_there_the_answer_offers_to_send_the_question(client: Any) -> None:
    first, _ = _first(client)
    member_of(first.slug)
    response = client.get(URL, QUESTION)
    text = response.content.decode()
    assert f"Skicka frågan till {first.name}" in text
    assert f"{first.name} tar inte emot frågor via krokarm ännu." not in text
    assert "Hittar du inte svaret hos dem? Skicka frågan" in text


def test_a_case_mailbox_is_enough_for_the_answer_to_offer_sending(client: Any) -> None:
    first, _ = _first(client)
    Actor.objects.filter(slug=first.slug).update(case_email="arenden@example.se")
    _, text = _first(client)
    assert f"Skicka frågan till {first.name}" in text


def test_the_api_says_which_actors_receive_cases_and_how_to_reach_the_others(client: Any) -> None:
    first, _ = _first(client)
    member_of(first.slug)
    body = client.get("/api/v1/route", {"q": QUESTION["q"], "asker": "individ"}).json()
    results = body["results"]
    assert results[0]["actor"]["slug"] == first.slug and results[0]["receives_cases"] is True
    others = [r for r in results[1:] if r["actor"]["slug"]]
    assert others and all(r["receives_cases"] is False for r in others)
    actors = Actor.objects.in_bulk([r["actor"]["slug"] for r in others], field_name="slug")
    for result in others:
        website = actors[result["actor"]["slug"]].website
        assert result["contact"] == ({"url": website, "host": result["contact"]["host"]} if website else None)
        if website:
            assert result["contact"]["host"] in website and not result["contact"]["host"].startswith("www.")


def test_the_answer_shown_while_typing_stops_offering_sending_when_the_last_member_leaves(client: Any) -> None:
    """Leaving changes no public audit row, so a page cached on the data version would still offer sending: the
    fragment carries the feedback form's CSRF token and is built every time (krokarm.audit.cache)."""
    partial = {**QUESTION, "partial": "1"}
    first, _ = _first(client)
    member = member_of(first.slug)
    assert f"Skicka frågan till {first.name}" in client.get(URL, partial).content.decode()
    assert f"Skicka frågan till {first.name}" in client.get(URL, partial).content.decode()
    member.is_active = False
    member.save(update_fields=["is_active"])
    text = client.get(URL, partial).content.decode()
    assert f"Skicka frågan till {first.name}" not in text
    assert f"{first.name} tar inte emot frågor via krokarm ännu." in text
