"""Queueing mail: stored with the change that causes it, delivered after commit, sent again on request, deleted
after the retention time."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from krokarm.outbox import actions
from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import failed_message, message

pytestmark = pytest.mark.django_db


def test_a_message_is_stored_in_the_transaction_and_nothing_is_sent_by_the_caller() -> None:
    with transaction.atomic():
        row = actions.queue_mail(to=["rita@example.se"], subject="Hej", body="Text\n", purpose="case.submitted")
    row.refresh_from_db()
    assert (row.status, row.attempts, row.recipients, row.purpose) == (
        "queued",
        0,
        ["rita@example.se"],
        "case.submitted",
    )
    assert row.next_attempt_at <= timezone.now() and row.language == "sv"
    assert mail.outbox == []


def test_a_message_whose_change_rolls_back_is_gone_with_it() -> None:
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        actions.queue_mail(to=["rita@example.se"], subject="Hej", body="Text", purpose="case.submitted")
        1 / 0  # noqa: B018 (the change fails after the mail was queued)
    assert not Message.objects.exists()


def test_queueing_outside_a_transaction_is_refused_before_anything_is_stored() -> None:
    with mock.patch.object(connection, "in_atomic_block", False), pytest.raises(RuntimeError, match="transaction"):
        actions.queue_mail(to=["rita@example.se"], subject="Hej", body="Text", purpose="case.submitted")
    assert not Message.objects.exists()


def test_a_message_needs_a_recipient() -> None:
    with pytest.raises(ValueError, match="recipient"), transaction.atomic():
        actions.queue_mail(to=["", ""], subject="Hej", body="Text", purpose="case.submitted")


def test_one_delivery_task_is_enqueued_after_commit_however_many_messages(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            actions.queue_mail(to=[f"p{n}@example.se"], subject="Hej", body="Text", purpose="case.submitted")
    assert len(callbacks) == 1
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status) == ("krokarm.outbox.tasks.deliver", "READY")


def test_the_subject_is_one_header_line_and_the_message_id_is_unique_on_the_senders_domain(settings: Any) -> None:
    settings.DEFAULT_FROM_EMAIL = "krokarm <noreply@krokarm.example.se>"
    first = message(subject="Ärende\r\nBcc: someone@example.com")
    second = message()
    assert first.subject == "Ärende Bcc: someone@example.com"
    assert first.message_id.endswith("@krokarm.example.se>") and first.message_id.startswith("<")
    assert first.message_id != second.message_id


def test_a_failed_message_is_requeued_with_fresh_attempts_once_even_on_a_double_click() -> None:
    row = failed_message()
    with transaction.atomic():
        assert actions.requeue(row) is True
        assert actions.requeue(row) is False
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("queued", 0)
    assert row.next_attempt_at <= timezone.now()
    assert "No such user" in row.last_error  # the last error stays visible until the next attempt


def test_only_failed_messages_can_be_requeued() -> None:
    sent = message(status=Message.Status.SENT, sent_at=timezone.now())
    with transaction.atomic():
        assert actions.requeue(sent) is False
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_sent_and_failed_messages_are_deleted_after_the_retention_time(settings: Any) -> None:
    settings.EMAIL_RETENTION_DAYS = 30
    now = timezone.now()
    old, recent = now - dt.timedelta(days=31), now - dt.timedelta(days=29)
    message(status=Message.Status.SENT, sent_at=old, subject="old sent")
    failed_message(created_at=old, subject="old failed")
    kept = [
        message(status=Message.Status.SENT, sent_at=recent).pk,
        failed_message(created_at=recent).pk,
        message(created_at=old).pk,  # still queued: it has not been sent yet, so it stays
    ]
    assert actions.purge_old(now) == 2
    assert sorted(Message.objects.values_list("pk", flat=True)) == sorted(kept)
