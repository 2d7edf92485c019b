"""A question sent twice by one click (a double click, a resent form) is one case: the second submission shows
the first one's case (issue 14: a double submit created two cases)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from krokarm.cases.models import Case
from krokarm.cases.tests.factories import everyone_receives, leads_to
from krokarm.lib.testing import at_once, returned

URL = reverse("cases:send")
QUESTION = "Hur validerar jag min svetsarkompetens i Luleå?"


@pytest.fixture(autouse=True)
def _every_actor_receives_cases(request: Any) -> None:
    """Someone works at every actor: these tests are about sending, not about who may receive (see
    krokarm/wayin/tests/test_door_someone_opens.py). In the database the test uses, committed or not."""
    request.getfixturevalue("committed_db" if "committed_db" in request.fixturenames else "db")
    everyone_receives()


def once_key(client: Client, actor: str = "myh") -> str:
    """The one-time key of the send page, as the asker's browser gets it."""
    page = client.get(URL, {"q": QUESTION, "actor": actor})
    return str(page.context["form"]["once"].value())


@pytest.mark.django_db
def test_a_double_submitted_question_is_sent_once_and_the_second_shows_the_case(client: Client) -> None:
    data = {"q": QUESTION, "actor": "myh", "once": once_key(client)}
    first = client.post(URL, data)
    second = client.post(URL, data, follow=True)
    case = Case.objects.get()  # kept: one case, not two
    assert first.status_code == 302 and leads_to(first["Location"], case) and first["Location"].endswith("?skickad=1")
    assert second.redirect_chain == [(first["Location"], 302)]
    text = second.content.decode()
    assert "Frågan var redan skickad: formuläret skickades två gånger." in text and str(case.reference) in text


@pytest.mark.django_db
def test_a_double_click_past_the_rate_limit_still_leads_to_the_case(client: Client, settings: Any) -> None:
    settings.CASE_SEND_RATE = "1/h"
    data = {"q": QUESTION, "actor": "myh", "once": once_key(client)}
    first = client.post(URL, data)
    assert first.status_code == 302
    second = client.post(URL, data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert leads_to(second["Location"], Case.objects.get())


@pytest.mark.django_db
def test_the_same_question_sent_again_from_a_new_page_is_a_new_case(client: Client) -> None:
    for _ in range(2):
        assert client.post(URL, {"q": QUESTION, "actor": "myh", "once": once_key(client)}).status_code == 302
    assert Case.objects.count() == 2  # a deliberate second question is not merged into the first


@pytest.mark.django_db
def test_a_refused_form_keeps_its_key_so_the_corrected_question_is_sent_once(client: Client) -> None:
    key = once_key(client)
    refused = client.post(URL, {"q": QUESTION, "actor": "myh", "email": "anna(at)example", "once": key})
    assert refused.status_code == 400 and f'name="once" value="{key}"' in refused.content.decode()
    data = {"q": QUESTION, "actor": "myh", "email": "anna@example.se", "once": key}
    assert client.post(URL, data).status_code == 302 and client.post(URL, data).status_code == 302
    assert Case.objects.get().email == "anna@example.se"


@pytest.mark.usefixtures("committed_db")  # two requests on their own threads and connections, as two workers
def test_the_same_question_arriving_twice_at_the_same_instant_makes_one_case() -> None:
    data = {"q": QUESTION, "actor": "myh", "once": "a" * 32}
    responses = returned(at_once(lambda: Client().post(URL, data), lambda: Client().post(URL, data)))
    case = Case.objects.get()  # kept: one case
    assert [r.status_code for r in responses] == [302, 302]
    [location] = {r["Location"] for r in responses}
    assert leads_to(location, case) and location.endswith("?skickad=1")
