"""The usage log is read-only in the admin: it is written by the question page and the purge only."""

import pytest
from django.urls import reverse

from krokarm.insights.tests.factories import AskedQuestionFactory

pytestmark = pytest.mark.django_db


def test_staff_can_list_and_filter_the_questions_in_the_admin(staff_client):
    AskedQuestionFactory.create(unhelpful=True)
    url = reverse("admin:insights_askedquestion_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"helpful__exact": "0", "confidence__exact": "low"}).status_code == 200


def test_questions_cannot_be_added_changed_or_deleted_in_the_admin(staff_client):
    asked = AskedQuestionFactory.create()
    assert staff_client.get(reverse("admin:insights_askedquestion_add")).status_code == 403
    change = reverse("admin:insights_askedquestion_change", args=[asked.pk])
    assert staff_client.post(change, {"text": "Ändrad"}).status_code == 403
    assert staff_client.post(reverse("admin:insights_askedquestion_delete", args=[asked.pk])).status_code == 403
    asked.refresh_from_db()
    assert asked.text != "Ändrad"
