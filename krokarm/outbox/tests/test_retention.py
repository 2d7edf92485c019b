"""Outbox rows hold e-mail addresses: the daily purge deletes them after EMAIL_RETENTION_DAYS, and the
personal-data page says so."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import failed_message, message

pytestmark = pytest.mark.django_db


def test_the_daily_purge_deletes_old_sent_mail_and_says_how_much(settings: Any) -> None:
    settings.EMAIL_RETENTION_DAYS = 30
    long_ago = timezone.now() - dt.timedelta(days=31)
    message(status=Message.Status.SENT, sent_at=long_ago)
    failed_message(created_at=long_ago)
    waiting = message()
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "E-mail: 2 message(s) sent or failed more than 30 days ago deleted." in out.getvalue()
    assert list(Message.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_the_personal_data_page_says_how_long_sent_mail_is_kept(client: Any, settings: Any) -> None:
    settings.EMAIL_RETENTION_DAYS = 30
    text = client.get("/personuppgifter/").text
    assert "E-post som vi skickar till dig sparas med din adress i 30 dagar efter att den har skickats" in text
