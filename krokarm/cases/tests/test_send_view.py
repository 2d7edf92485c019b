"""Sending a question as a case, without an account."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from krokarm.accounts.models import Affiliation
from krokarm.cases.models import Case
from krokarm.cases.tests.factories import everyone_receives, leads_to, send_case
from krokarm.outbox.tests.factories import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_actor_receives_cases(db: Any) -> None:
    """Someone works at every actor: these tests are about sending, not about who may receive (see
    krokarm/wayin/tests/test_door_someone_opens.py)."""
    everyone_receives()


URL = reverse("cases:send")
QUESTION = "Hur validerar jag min svetsarkompetens i Luleå?"


def test_the_send_page_offers_the_actors_the_way_in_found(client: Any) -> None:
    response = client.get(URL, {"q": QUESTION, "actor": "myh"})
    assert response.status_code == 200
    choices = [slug for slug, _ in response.context["form"].fields["actor"].choices]
    assert choices[0] == "myh" and len(choices) >= 3
    assert "Behandling av personuppgifter" in response.content.decode()


def test_without_a_question_the_send_page_leads_back_to_the_question_page(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wayin:ask")


def test_sending_creates_a_case_and_shows_its_status_page(client: Any) -> None:
    response = client.post(URL, {"q": QUESTION, "actor": "myh", "email": "", "place": "2580"})
    case = Case.objects.get()
    assert response.status_code == 302 and leads_to(response["Location"], case)
    assert response["Location"].endswith("?skickad=1")
    assert case.actor.slug == "myh" and case.question == QUESTION and case.email == ""
    assert case.municipality is not None and case.municipality.name == "Luleå"
    assert case.county is not None and case.county.code == "25"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert case.reference in text and "Din fråga har skickats" in text and "Spara adressen" in text


def test_a_too_long_question_is_refused_with_the_text_kept(client: Any) -> None:
    text = "komvux " * 400
    response = client.post(URL, {"q": text, "actor": "arbetsformedlingen"})
    assert response.status_code == 400
    assert "Frågan är för lång" in response.content.decode()
    assert text.strip() in response.content.decode()
    assert not Case.objects.exists()


def test_an_invalid_email_address_is_explained(client: Any) -> None:
    response = client.post(URL, {"q": QUESTION, "actor": "myh", "email": "anna(at)example"})
    assert response.status_code == 400
    assert "namn@example.se" in response.content.decode()
    assert not Case.objects.exists()


def test_an_actor_that_does_not_exist_cannot_receive_a_case(client: Any) -> None:
    response = client.post(URL, {"q": QUESTION, "actor": "finns-inte"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_filled_honeypot_sends_nothing(client: Any) -> None:
    response = client.post(URL, {"q": QUESTION, "actor": "myh", "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_sending_is_rate_limited_per_address(client: Any, settings: Any) -> None:
    settings.CASE_SEND_RATE = "2/h"
    for _ in range(2):
        assert client.post(URL, {"q": QUESTION, "actor": "myh"}).status_code == 302
    response = client.post(URL, {"q": QUESTION, "actor": "myh"})
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode() and QUESTION in response.content.decode()
    assert Case.objects.count() == 2


def test_a_forged_x_real_ip_does_not_escape_the_send_limit(client: Any, settings: Any) -> None:
    settings.CASE_SEND_RATE = "2/h"
    settings.BEHIND_PROXY = True
    statuses = [
        client.post(URL, {"q": QUESTION, "actor": "myh"}, REMOTE_ADDR="198.51.100.4", HTTP_X_REAL_IP=f"192.0.2.{n}")
        for n in range(3)
    ]
    assert statuses[-1].status_code == 429 and Case.objects.count() == 2


def test_behind_a_trusted_proxy_each_client_it_names_has_its_own_send_limit(client: Any, settings: Any) -> None:
    settings.CASE_SEND_RATE = "1/h"
    settings.BEHIND_PROXY = True
    for n in range(2):
        response = client.post(
            URL, {"q": QUESTION, "actor": "myh"}, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=f"192.0.2.{n}"
        )
        assert response.status_code == 302
    assert Case.objects.count() == 2


def test_the_send_page_answers_other_methods_with_405(client: Any) -> None:
    assert client.put(URL).status_code == 405


def test_a_status_link_that_does_not_exist_is_404(client: Any) -> None:
    assert client.get(reverse("cases:status", args=["gissning"])).status_code == 404


def test_a_wrong_key_or_the_stored_hash_does_not_open_a_case(client: Any) -> None:
    sent = send_case()
    assert client.get(sent.status_url).status_code == 200
    assert client.get(reverse("cases:status", args=[sent.key[:-1]])).status_code == 404
    assert client.get(reverse("cases:status", args=[sent.case.token_hash])).status_code == 404


def test_the_confirmation_page_and_the_receipt_carry_the_link_that_opens_the_case(client: Any) -> None:
    response = client.post(URL, {"q": QUESTION, "actor": "myh", "email": "fraga@example.se", "place": "2580"})
    case = Case.objects.get()
    page = client.get(response["Location"])
    shown = page.content.decode().split('Adress att spara:</strong> <span class="break">')[1].split("</span>")[0]
    assert leads_to(shown, case) and shown.startswith("http://testserver/fraga/arende/")
    deliver()
    [receipt] = [message for message in mail.outbox if message.to == ["fraga@example.se"]]
    linked = receipt.body.split("Följ ärendet här: ")[1].split("\n")[0]
    assert linked.startswith(settings.SITE_URL) and leads_to(linked, case)
    opened = client.get(linked.removeprefix(settings.SITE_URL))
    assert opened.status_code == 200 and str(case.reference) in opened.content.decode()


def test_an_actor_nobody_receives_cases_for_is_not_offered_and_the_page_says_how_to_reach_it(client: Any) -> None:
    Affiliation.objects.filter(actor__slug="elsakerhetsverket").delete()
    response = client.get(URL, {"q": QUESTION, "actor": "elsakerhetsverket"})
    assert response.status_code == 200
    choices = [slug for slug, _ in response.context["form"].fields["actor"].choices]
    assert "elsakerhetsverket" not in choices and choices
    text = response.content.decode()
    assert "Elsäkerhetsverket tar inte emot frågor via krokarm ännu." in text
    assert '<a href="https://www.elsakerhetsverket.se">deras webbplats (elsakerhetsverket.se)</a>' in text


def test_a_question_posted_to_an_actor_nobody_receives_cases_for_is_refused_with_its_text_kept(client: Any) -> None:
    Affiliation.objects.filter(actor__slug="elsakerhetsverket").delete()
    response = client.post(URL, {"q": QUESTION, "actor": "elsakerhetsverket", "email": ""})
    assert response.status_code == 400
    assert not Case.objects.exists()
    text = response.content.decode()
    assert "Elsäkerhetsverket tar inte emot frågor via krokarm ännu." in text
    assert QUESTION in text


ENGLISH_QUESTION = "How do I get my welding skills validated in Luleå? I am looking for work as a welder."


def test_a_question_in_english_is_sent_in_english_from_a_swedish_browser_and_followed_in_english(client: Any) -> None:
    form = client.get(URL, {"q": ENGLISH_QUESTION, "actor": "myh"}, HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert form.status_code == 200
    assert '<html lang="en"' in form.content.decode() and "Send your question" in form.content.decode()
    response = client.post(
        URL, {"q": ENGLISH_QUESTION, "actor": "myh", "email": "asker@example.se"}, HTTP_ACCEPT_LANGUAGE="sv-SE"
    )
    case = Case.objects.get()
    assert case.language == "en"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    assert '<html lang="en"' in page and "Your question has been sent" in page
    deliver()
    assert next(m.subject for m in mail.outbox if m.to == ["asker@example.se"]).startswith("Your question")


def test_a_swedish_question_stays_swedish_and_the_language_button_wins_over_the_cases_language(client: Any) -> None:
    client.post(URL, {"q": QUESTION, "actor": "myh", "email": ""}, HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert Case.objects.get().language == "sv"
    english = client.post(URL, {"q": ENGLISH_QUESTION, "actor": "myh", "email": ""})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(english["Location"]).content.decode()
    assert '<html lang="sv"' in page and "Din fråga har skickats" in page
