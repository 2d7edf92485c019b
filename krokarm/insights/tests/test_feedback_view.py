"""Feedback on an answer: "Fick du svar på din fråga?" stores yes or no, and nothing about the person."""

import pytest
from django.contrib.sessions.models import Session
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from krokarm.audit.models import AuditEntry
from krokarm.insights.tests.factories import AskedQuestionFactory

pytestmark = pytest.mark.django_db
URL = reverse("insights:feedback")
THANKS = reverse("insights:feedback-thanks")


def test_yes_is_stored_on_the_question_and_the_visitor_is_thanked(client):
    asked = AskedQuestionFactory.create()
    response = client.post(URL, {"question": str(asked.public_id), "helpful": "ja"}, follow=True)
    assert response.redirect_chain == [(THANKS, 302)]
    assert "Tack! Ditt svar hjälper oss att förbättra vägledningen." in response.text
    assert reverse("wayin:ask") in response.text
    asked.refresh_from_db()
    assert asked.helpful is True
    assert asked.feedback_at is not None


def test_no_is_stored_and_the_thanks_page_suggests_asking_in_other_words(client):
    asked = AskedQuestionFactory.create()
    response = client.post(URL, {"question": str(asked.public_id), "helpful": "nej"}, follow=True)
    assert response.redirect_chain == [(f"{THANKS}?svar=nej", 302)]
    assert "beskriva frågan med andra ord" in response.text
    asked.refresh_from_db()
    assert asked.helpful is False


def test_the_latest_answer_wins(client):
    asked = AskedQuestionFactory.create()
    client.post(URL, {"question": str(asked.public_id), "helpful": "nej"})
    client.post(URL, {"question": str(asked.public_id), "helpful": "ja"})
    asked.refresh_from_db()
    assert asked.helpful is True


def test_feedback_stores_nothing_about_the_person_and_starts_no_session(client):
    asked = AskedQuestionFactory.create()
    before = {f.name: getattr(asked, f.name) for f in asked._meta.fields}
    sessions = Session.objects.count()
    response = client.post(
        URL, {"question": str(asked.public_id), "helpful": "nej"}, HTTP_USER_AGENT="Test", REMOTE_ADDR="10.1.2.3"
    )
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == sessions
    asked.refresh_from_db()
    after = {f.name: getattr(asked, f.name) for f in asked._meta.fields}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"helpful", "feedback_at"}


def test_feedback_writes_no_audit_row(client):
    asked = AskedQuestionFactory.create()
    before = AuditEntry.objects.count()
    client.post(URL, {"question": str(asked.public_id), "helpful": "ja"})
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [
        {"question": "00000000-0000-4000-8000-000000000000", "helpful": "ja"},
        {"question": "inte-ett-id", "helpful": "ja"},
        {"question": "", "helpful": "nej"},
    ],
    ids=["unknown question", "malformed id", "no question"],
)
def test_feedback_on_an_unknown_question_is_refused_with_a_way_back(client, data):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Vi kunde inte ta emot ditt svar" in response.text
    assert reverse("wayin:ask") in response.text


def test_feedback_without_yes_or_no_is_refused_and_changes_nothing(client):
    asked = AskedQuestionFactory.create()
    assert client.post(URL, {"question": str(asked.public_id), "helpful": "kanske"}).status_code == 400
    assert client.post(URL, {"question": str(asked.public_id)}).status_code == 400
    asked.refresh_from_db()
    assert asked.helpful is None


def test_feedback_needs_the_csrf_token():
    asked = AskedQuestionFactory.create()
    response = Client(enforce_csrf_checks=True).post(URL, {"question": str(asked.public_id), "helpful": "ja"})
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.helpful is None


def test_feedback_is_only_sent_with_post_and_the_thanks_page_only_read_with_get(client):
    assert client.get(URL).status_code == 405
    assert client.post(THANKS).status_code == 405
    assert client.get(THANKS).status_code == 200


def test_the_partial_asks_fick_du_svar_with_a_yes_and_a_no_button():
    asked = AskedQuestionFactory.create()
    request = RequestFactory().get("/fraga/?q=svetsare")
    html = render_to_string("insights/_feedback.html", {"asked": asked}, request)
    assert f'action="{URL}"' in html
    assert "<legend>Fick du svar på din fråga?</legend>" in html
    assert f'name="question" value="{asked.public_id}"' in html
    assert 'name="helpful" value="ja"' in html
    assert 'name="helpful" value="nej"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_feedback_on_an_answer_shown_while_typing_logs_the_question_with_the_answer(client):
    from krokarm.insights.models import AskedQuestion

    response = client.post(URL, {"q": "Var kan jag läsa sfi?", "asker": "individ", "county": "2482", "helpful": "nej"})
    assert response.status_code == 302
    asked = AskedQuestion.objects.get()
    assert asked.text == "Var kan jag läsa sfi?" and asked.helpful is False
    assert asked.municipality.code == "2482" and asked.asker == "individ"


def test_feedback_with_a_bad_place_code_is_refused(client):
    from krokarm.insights.models import AskedQuestion

    assert client.post(URL, {"q": "sfi", "county": "Skellefteå", "helpful": "ja"}).status_code == 400
    assert not AskedQuestion.objects.exists()
