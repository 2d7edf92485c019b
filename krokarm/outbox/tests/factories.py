"""Outbox rows for tests, and the worker's steps as plain calls: deliver what is due, run waiting tasks."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.db import transaction
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.outbox.actions import queue_mail
from krokarm.outbox.delivery import Delivery, deliver_all
from krokarm.outbox.models import Message


def message(**fields: Any) -> Message:
    """One queued message, stored through queue_mail as the app stores them; `fields` set the row afterwards."""
    with transaction.atomic():
        row = queue_mail(
            to=fields.pop("to", ["rita@example.se"]),
            subject=fields.pop("subject", "Ärende VI-2026-000001 har tagits emot"),
            body=fields.pop("body", "Hej!\n"),
            purpose=fields.pop("purpose", "case.submitted"),
        )
    if fields:
        Message.objects.filter(pk=row.pk).update(**fields)
        row.refresh_from_db()
    return row


def failed_message(**fields: Any) -> Message:
    defaults = {
        "status": Message.Status.FAILED,
        "attempts": 8,
        "last_error": "SMTPRecipientsRefused: {'rita@example.se': (550, b'No such user')}",
    }
    return message(**{**defaults, **fields})


def queued(**filters: Any) -> list[Message]:
    return list(Message.objects.filter(status=Message.Status.QUEUED, **filters).order_by("pk"))


def deliver() -> Delivery:
    """What the worker does for the outbox: send every message that is due, batch after batch."""
    with zeal_ignore():  # one claim, one renew and one mark per message, by design
        return deliver_all()


def run_waiting_tasks() -> None:
    """What `krokarm worker --once` does with the task queue: run every task waiting, then stop."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
    from django_tasks_db.management.commands.db_worker import Worker

    # The worker drops "unusable" connections between tasks; inside a test's transaction that would be ours.
    with zeal_ignore(), mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()


def due_now(row: Message) -> None:
    """Let `row`'s backoff pass."""
    Message.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
