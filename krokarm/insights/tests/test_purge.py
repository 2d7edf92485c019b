"""Purging: question texts older than the retention period are emptied; the counts stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from krokarm.insights import actions
from krokarm.insights.models import AskedQuestion
from krokarm.insights.tests.factories import AskedQuestionFactory

pytestmark = pytest.mark.django_db


def test_purging_empties_only_the_texts_older_than_the_retention_period():
    now = timezone.now()
    old = AskedQuestionFactory.create(created_at=now - timedelta(days=181))
    recent = AskedQuestionFactory.create(created_at=now - timedelta(days=179))
    assert actions.purge_question_texts(now, 180) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.text, old.text_purged_at) == ("", now)
    assert recent.text.startswith("Hur blir jag svetsare")
    assert recent.text_purged_at is None
    assert AskedQuestion.objects.count() == 2


def test_purging_again_finds_nothing_more_to_purge():
    now = timezone.now()
    AskedQuestionFactory.create(old=True)
    assert actions.purge_question_texts(now, 180) == 1
    assert actions.purge_question_texts(now + timedelta(days=1), 180) == 0


def test_the_retention_period_comes_from_the_settings_with_180_days_by_default(settings):
    now = timezone.now()
    AskedQuestionFactory.create(created_at=now - timedelta(days=40))
    assert actions.retention_days() == 180
    assert actions.purge_question_texts(now) == 0
    settings.INSIGHTS_TEXT_RETENTION_DAYS = 30
    assert actions.purge_question_texts(now) == 1


def test_purging_keeps_the_feedback_and_what_the_question_was_about():
    asked = AskedQuestionFactory.create(old=True, unhelpful=True, confidence="low", asker="individ")
    actions.purge_question_texts(timezone.now(), 180)
    asked.refresh_from_db()
    assert (asked.helpful, asked.confidence, asked.asker) == (False, "low", "individ")
