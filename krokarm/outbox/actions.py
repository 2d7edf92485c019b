"""The only writes to the outbox.

`queue_mail` is how every part of krokarm sends e-mail: it stores the message in the caller's transaction, so
the message exists exactly when the change that causes it does, and asks the worker to deliver it once that
transaction has committed. Nothing here talks to a mail server: delivery.py does, in the worker.

This is a core app: it imports only Django, django-tasks and krokarm.lib, so that accounts (and anything above)
can queue mail without an import cycle. Audit rows for what people do to messages (sending a failed one again)
are written by the caller, e.g. notifications.actions.resend_failed_mail.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from krokarm.outbox.models import Message

logger = logging.getLogger(__name__)
SUBJECT_LENGTH = Message._meta.get_field("subject").max_length or 300


def queue_mail(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    purpose: str,
    language: str | None = None,
    reply_to: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> Message:
    """Store one e-mail to `to` and have the worker send it after the current transaction commits.

    The caller must be inside the transaction of the change that causes the mail (like audit.record), so the
    change and its message are kept or lost together; outside one this raises. `subject` and `body` are
    already rendered in the recipient's language (`language` is kept for the record). `purpose` names the
    cause, e.g. "case.submitted"; coordinators see it next to a message that could not be sent.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("queue_mail must be called inside the transaction of the change that causes the mail")
    recipients = [address for address in to if address]
    if not recipients:
        raise ValueError("an e-mail needs at least one recipient")
    message = Message.objects.create(
        recipients=recipients,
        subject=" ".join(subject.split())[:SUBJECT_LENGTH],  # a header: never a line break
        body=body,
        reply_to=list(reply_to),
        headers=dict(headers or {}),
        language=language or settings.LANGUAGE_CODE,
        purpose=purpose,
        message_id=new_message_id(),
    )
    deliver_after_commit()
    return message


def requeue(message: Message, *, now: dt.datetime | None = None) -> bool:
    """Give a failed message a fresh set of attempts, due now. False if it was no longer failed (sent again
    by someone else a moment ago): a double click queues it once. Call inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("requeue must be called inside the transaction that records who asked for it")
    requeued = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, attempts=0, next_attempt_at=now or timezone.now(), claim=None, claimed_until=None
    )
    if requeued:
        deliver_after_commit()
    return bool(requeued)


def purge_old(now: dt.datetime | None = None, *, days: int | None = None) -> int:
    """Delete sent messages sent more than `days` (default EMAIL_RETENTION_DAYS) ago, and failed ones created
    that long ago: they hold e-mail addresses, and after that time nobody needs them. Returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.EMAIL_RETENTION_DAYS if days is None else days)
    old = Q(status=Message.Status.SENT, sent_at__lt=cutoff) | Q(status=Message.Status.FAILED, created_at__lt=cutoff)
    deleted, _rows = Message.objects.filter(old).delete()
    return deleted


def new_message_id() -> str:
    """A Message-ID header value (RFC 5322) on the sender's domain, unique without asking DNS for our name."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "krokarm.localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def deliver_after_commit() -> None:
    """Enqueue one delivery task when the current transaction commits, however many messages it queued.

    Only for promptness: a message whose task is lost (the enqueue failed, the worker died) is still found
    by the schedule's outbox sweep every minute.
    """
    connection = transaction.get_connection()
    if any(callback is _enqueue_delivery for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue_delivery, robust=True)


def _enqueue_delivery() -> None:
    from krokarm.outbox.tasks import deliver

    deliver.enqueue()
