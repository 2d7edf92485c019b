"""'Fick du svar?' under an answer shown while typing logs the question with the click: one question per form,
however often the click arrives (issue 14: a double submit made two rows)."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from krokarm.insights.models import AskedQuestion
from krokarm.lib.testing import at_once, returned
from krokarm.wayin.forms import QuestionForm

URL = reverse("insights:feedback")
TYPED = {"q": "Var kan jag läsa sfi?", "asker": "individ", "county": "2482"}


@pytest.mark.django_db
def test_a_double_click_logs_the_question_once(client):
    data = {**TYPED, "helpful": "nej", "once": "1" * 32}
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302
    asked = AskedQuestion.objects.get()  # kept: one question, not two
    assert asked.text == TYPED["q"] and asked.helpful is False


@pytest.mark.django_db
def test_the_other_button_pressed_later_on_the_same_form_changes_the_answer(client):
    client.post(URL, {**TYPED, "helpful": "nej", "once": "2" * 32})
    response = client.post(URL, {**TYPED, "helpful": "ja", "once": "2" * 32})
    assert response["Location"] == reverse("insights:feedback-thanks")
    assert AskedQuestion.objects.get().helpful is True  # the latest wins, as on a logged question


@pytest.mark.django_db
def test_feedback_from_two_forms_is_two_questions(client):
    for key in ("3" * 32, "4" * 32):
        client.post(URL, {**TYPED, "helpful": "ja", "once": key})
    assert AskedQuestion.objects.count() == 2


@pytest.mark.django_db
def test_each_answer_shown_while_typing_carries_its_own_key():
    form = QuestionForm({"q": TYPED["q"], "asker": "", "county": ""})
    assert form.is_valid()
    request = RequestFactory().get("/fraga/?q=sfi&partial=1")
    pages = [render_to_string("insights/_feedback.html", {"form": form}, request) for _ in range(2)]
    keys = [page.split('name="once" value="')[1].split('"')[0] for page in pages]
    assert all(len(key) == 32 for key in keys) and keys[0] != keys[1]


@pytest.mark.usefixtures("committed_db")  # two requests on their own threads and connections, as two workers
def test_a_click_arriving_twice_at_the_same_instant_logs_one_question():
    data = {**TYPED, "helpful": "ja", "once": "5" * 32}
    responses = returned(at_once(lambda: Client().post(URL, data), lambda: Client().post(URL, data)))
    assert [r.status_code for r in responses] == [302, 302]
    assert AskedQuestion.objects.get().helpful is True  # kept: one question
