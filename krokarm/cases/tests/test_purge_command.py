"""`krokarm purge_personal_data`, meant to run daily."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any, cast

import pytest
from django.core.management import call_command
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.cases import actions
from krokarm.cases.models import Case
from krokarm.cases.tests.factories import make_case
from krokarm.insights.models import AskedQuestion
from krokarm.insights.tests.factories import AskedQuestionFactory

pytestmark = pytest.mark.django_db


def test_the_daily_purge_deletes_old_case_data_and_old_question_texts_and_says_so(settings: Any) -> None:
    settings.CASE_RETENTION_DAYS = 30
    settings.INSIGHTS_TEXT_RETENTION_DAYS = 180
    with zeal_ignore():
        case = make_case(email="anna@example.se")
        actions.answer_case(case, user=None, answer="Svar")
    Case.objects.filter(pk=case.pk).update(answered_at=timezone.now() - dt.timedelta(days=31))
    old = cast(AskedQuestion, AskedQuestionFactory(text="Jag heter Anna"))
    AskedQuestion.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=181))
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "deleted from 1 case(s)" in out.getvalue() and "deleted from 1 question(s)" in out.getvalue()
    case.refresh_from_db()
    old.refresh_from_db()
    assert case.email == "" and old.text == ""
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "deleted from 0 case(s)" in out.getvalue() and "deleted from 0 question(s)" in out.getvalue()


def test_the_daily_purge_forgets_one_time_keys_after_two_days_and_keeps_the_recent_ones() -> None:
    from krokarm.idempotency.models import Key

    old = Key.objects.create(scope="anonymous", key="a" * 32, purpose="cases.send", result_url="/fraga/arende/x/")
    Key.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    recent = Key.objects.create(scope="anonymous", key="b" * 32, purpose="cases.send")
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "One-time keys: 1 key(s) older than 2 days deleted." in out.getvalue()
    assert list(Key.objects.values_list("pk", flat=True)) == [recent.pk]  # kept: a double click today still works
