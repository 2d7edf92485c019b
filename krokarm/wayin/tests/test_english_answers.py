"""A question in English gets its answer in English: topic names, reasons, next steps, and each actor's own
English summary and page, or a plain word that its details are only in Swedish. Actors' names stay."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from krokarm.actors.models import Actor
from krokarm.wayin.answers import reason_text
from krokarm.wayin.routing import Reason

pytestmark = pytest.mark.django_db
URL = reverse("wayin:ask")
WORK_PERMIT_EN = "How do I get a work permit for a cook from Thailand?"
WORK_PERMIT_SV = "Hur får jag arbetstillstånd för en kock från Thailand?"
NOTICE = "Svaret visas på engelska eftersom frågan var på engelska."


def test_an_english_question_on_the_swedish_page_is_answered_in_english_and_says_why(client):
    response = client.get(URL, {"q": WORK_PERMIT_EN, "asker": "arbetsgivare"})
    html = response.text
    assert response["Content-Language"] == "sv"
    assert response.context["answer"].language == "en"
    assert NOTICE in html
    assert '<section lang="en" aria-labelledby="answer-heading"' in html
    assert "<strong>Work permits and recruitment from outside the EU:</strong>" in html
    assert "<strong>Arbetstillstånd och rekrytering från länder utanför EU:</strong>" not in html


def test_the_english_answer_shows_the_actors_english_summary_and_page_and_keeps_its_name(client):
    html = client.get(URL, {"q": WORK_PERMIT_EN, "asker": "arbetsgivare"}).text
    migration = Actor.objects.get(slug="migrationsverket")
    assert f'<a href="{migration.english_url}" hreflang="en">' in html
    assert migration.summary_en.split(".")[0] in html
    assert f">{migration.name}</a></h3>" in html


def test_an_actor_without_english_details_is_said_to_have_them_only_in_swedish(client):
    response = client.get(URL, {"q": WORK_PERMIT_EN, "asker": "arbetsgivare"})
    without = [r for r in response.context["answer"].results if not r.actor.summary_en]
    assert without, "the test needs an actor without an English summary in the answer"
    with translation.override("en"):
        line = gettext("Uppgifterna om den här organisationen finns bara på svenska.")
    assert response.text.count(line) == len(without)


def test_a_swedish_question_on_the_swedish_page_stays_swedish_without_english_extras(client):
    html = client.get(URL, {"q": WORK_PERMIT_SV, "asker": "arbetsgivare"}).text
    assert NOTICE not in html
    assert 'lang="en" aria-labelledby' not in html
    assert "<strong>Arbetstillstånd och rekrytering från länder utanför EU:</strong>" in html
    assert Actor.objects.get(slug="migrationsverket").english_url not in html


def test_on_the_english_page_an_english_answer_needs_no_notice(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL, {"q": WORK_PERMIT_EN, "asker": "arbetsgivare"}).text
    assert NOTICE not in html
    assert '<section aria-labelledby="answer-heading"' in html
    assert "<strong>Work permits and recruitment from outside the EU:</strong>" in html


def test_the_fragment_shown_while_typing_is_in_english_for_an_english_question(client):
    html = client.get(URL, {"q": WORK_PERMIT_EN, "partial": "1"}).text
    assert NOTICE in html
    assert "Work permits and recruitment from outside the EU" in html


def test_the_reason_is_written_in_swedish_exactly_as_before_and_in_english_with_english_topic_names():
    reason = Reason(
        topics=("Validering", "Yrkeshögskola"),
        words=("validering",),
        needs_place="municipality",
        topics_en=("Validation of prior learning", ""),
    )
    with translation.override("sv"):
        assert reason_text(reason) == (
            "Ämne: Validering, Yrkeshögskola. Ord som matchade: validering. "
            "Ange din kommun så visar vi vilken kommun som ansvarar."
        )
    with translation.override("en"):
        text = reason_text(reason)
    assert "Validation of prior learning, Yrkeshögskola" in text
    assert "Validering" not in text


def test_an_empty_reason_says_nothing():
    assert reason_text(Reason(topics=(), words=())) == ""


API = "/api/v1/route"


def test_the_route_api_answers_an_english_question_in_english(client):
    body = client.get(API, {"q": WORK_PERMIT_EN}).json()
    assert body["language"] == "en"
    top = body["results"][0]
    assert top["actor"]["slug"] == "migrationsverket"
    assert top["actor"]["name"] == "Migrationsverket"
    assert top["responsibility"]["topic_name"] == "Work permits and recruitment from outside the EU"
    assert "Work permits and recruitment from outside the EU" in top["reason"]
    assert top["actor"]["english_url"] == Actor.objects.get(slug="migrationsverket").english_url
    assert top["actor"]["summary_en"]


def test_the_route_api_answers_a_swedish_question_in_swedish_unless_english_is_asked_for(client):
    swedish = client.get(API, {"q": WORK_PERMIT_SV}).json()
    assert swedish["language"] == "sv"
    topic = swedish["results"][0]["responsibility"]["topic_name"]
    assert topic == "Arbetstillstånd och rekrytering från länder utanför EU"
    assert swedish["results"][0]["reason"].startswith("Ämne: ")
    english = client.get(API, {"q": WORK_PERMIT_SV, "lang": "en"}).json()
    assert english["language"] == "en"
    assert english["results"][0]["responsibility"]["topic_name"] == "Work permits and recruitment from outside the EU"


def test_an_unknown_answer_language_is_refused_with_the_api_error_shape(client):
    response = client.get(API, {"q": WORK_PERMIT_SV, "lang": "de"})
    assert response.status_code == 400
    assert {d["field"] for d in response.json()["error"]["details"]} == {"lang"}


def test_a_kind_without_a_place_is_named_in_the_readers_language_but_an_actor_keeps_its_name(client):
    response = client.get(URL, {"q": "Where can I study Swedish for immigrants (sfi)?"})
    results = response.context["answer"].results
    placeholders = [r for r in results if r.actor.slug is None]
    assert placeholders, "the test needs an answer that names a kind of actor"
    with translation.override("en"):
        expected = gettext(placeholders[0].actor.name)
    assert f"<h3>{expected}</h3>" in response.text
    body = client.get(API, {"q": "Where can I study Swedish for immigrants (sfi)?"}).json()
    assert expected in [r["actor"]["name"] for r in body["results"] if r["actor"]["slug"] is None]
    with translation.override("sv"):
        swedish = client.get(URL, {"q": "Var kan jag läsa sfi?"}).text
    assert "<h3>Din kommun</h3>" in swedish
