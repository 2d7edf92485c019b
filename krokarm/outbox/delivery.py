"""Sending the outbox: claim what is due, send it outside any transaction, record what happened.

Called by the delivery task (tasks.deliver, enqueued when a message is queued) and by the schedule's outbox
sweep every minute (`krokarm send_queued_mail`), which finds messages whose backoff has passed and those a
killed worker left behind. Any number of workers may run it at once:

- **Claim.** One short transaction picks due messages with `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL: two
  workers never wait for, or take, the same rows; SQLite has no row locks, but its transactions are IMMEDIATE
  in our settings, so claims happen one at a time) and marks them sending under a fresh claim id, until
  `claimed_until`. The UPDATE repeats the "is due" condition, so a row can only be claimed by one worker.
- **Send.** Before each message the worker renews its claim with a conditional UPDATE; if another worker has
  taken the message over (its claim ran out), it is skipped. Then it is handed to the mail server with no
  transaction open and a timeout (EMAIL_TIMEOUT) on every socket operation. A claim lasts far longer than a
  send can take with that timeout, so a message is never sent by two workers; if a worker dies after the
  server took a message but before it was marked sent, the message is sent again with the same Message-ID.
- **Record.** Sent, or: attempts + 1, the error, and the next attempt after an exponential backoff with
  jitter (EMAIL_RETRY_FIRST_DELAY doubling up to EMAIL_RETRY_MAX_DELAY); failed after EMAIL_MAX_ATTEMPTS.
  When the server itself is unreachable (refused, timed out, disconnected) the rest of the batch is given
  back untried, to wait as long as the message that failed, so an outage costs one timeout per run and no
  message an attempt it never had.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import smtplib
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from krokarm.outbox.models import Message

logger = logging.getLogger(__name__)
BATCH = 20  # messages one worker claims at a time
ERROR_LENGTH = 1000
# Errors about one message (a refused recipient, rejected content). Any other error from the mail server or the
# network (OSError, which smtplib's errors are too) means the server cannot take mail now, so the rest of the
# batch waits; an error of another kind (a header Python refuses to encode, say) concerns only its message.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def server_unreachable(error: Exception) -> bool:
    return isinstance(error, OSError) and not isinstance(error, MESSAGE_ERRORS)


@dataclass
class Delivery:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    given_back: int = 0
    unreachable: bool = False  # the mail server could not be reached (refused, timed out, hung up)

    def as_dict(self) -> dict[str, int]:
        return {key: int(value) for key, value in asdict(self).items()}

    def add(self, other: Delivery) -> None:
        self.sent, self.retrying = self.sent + other.sent, self.retrying + other.retrying
        self.failed, self.given_back = self.failed + other.failed, self.given_back + other.given_back
        self.unreachable = self.unreachable or other.unreachable

    def __str__(self) -> str:
        text = f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed"
        if self.unreachable:
            text += f"; mail server unreachable, {self.given_back} more left for a later run"
        return text


def claim_duration() -> dt.timedelta:
    """How long a worker holds a message it is about to send: far longer than one SMTP conversation can take
    when each of its steps (connect, greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT…, DATA) is cut off after
    EMAIL_TIMEOUT seconds. After it, the message counts as left behind by a dead worker and is sent again."""
    return dt.timedelta(seconds=settings.EMAIL_TIMEOUT * 20 + 60)


def backoff(attempts: int) -> dt.timedelta:
    """The wait before the next try after `attempts` failed ones: the first delay, doubled per attempt, capped,
    and up to a quarter shorter at random so that messages that failed together do not retry together."""
    first, cap = settings.EMAIL_RETRY_FIRST_DELAY, settings.EMAIL_RETRY_MAX_DELAY
    delay = min(cap, first * 2 ** min(max(attempts - 1, 0), 30))
    return dt.timedelta(seconds=delay * random.uniform(0.75, 1.0))  # spreads retries; not a secret


def due() -> Q:
    """Queued messages whose time has come, and messages left in sending by a worker whose claim ran out."""
    now = timezone.now()
    return Q(status=Message.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Message.Status.SENDING, claimed_until__lt=now
    )


def claim_due(claim: uuid.UUID, *, limit: int = BATCH) -> list[Message]:
    """Mark up to `limit` due messages as being sent under `claim`, in one short transaction; return them."""
    try:
        with transaction.atomic():
            ids = list(
                Message.objects.select_for_update(skip_locked=True)
                .filter(due())
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)[:limit]
            )
            if not ids:
                return []
            until = timezone.now() + claim_duration()
            Message.objects.filter(due(), pk__in=ids).update(
                status=Message.Status.SENDING, claim=claim, claimed_until=until
            )
    except OperationalError as error:
        if "locked" not in str(error).lower():
            raise
        return []  # SQLite: another worker is claiming right now; the next run will find what is left
    return list(Message.objects.filter(claim=claim, status=Message.Status.SENDING).order_by("next_attempt_at", "pk"))


def deliver_due(*, limit: int = BATCH) -> Delivery:
    """Claim and send the messages due now (at most `limit`); see the module's docstring."""
    claim = uuid.uuid4()
    summary = Delivery()
    messages = claim_due(claim, limit=limit)
    if not messages:
        return summary
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    try:
        for position, message in enumerate(messages):
            if not _renew(message, claim):
                continue  # another worker took it over after our claim ran out; it is theirs now
            try:
                connection.open()  # once per batch; a no-op while the connection is open
                if connection.send_messages([as_email(message, connection)]) != 1:
                    raise smtplib.SMTPException("the mail backend did not take the message")
            except Exception as error:
                _drop(connection)
                if _failed(message, claim, error):
                    summary.failed += 1
                else:
                    summary.retrying += 1
                if server_unreachable(error):
                    summary.unreachable = True
                    summary.given_back += _give_back(messages[position + 1 :], claim, message.next_attempt_at)
                    break
            else:
                _sent(message, claim)
                summary.sent += 1
    finally:
        _close(connection)
    logger.info("Outbox: %s.", summary)
    return summary


def deliver_all() -> Delivery:
    """Deliver batch after batch until nothing is due, or until the mail server turns out to be unreachable
    (the rest then waits for its backoff). What the outbox sweep runs."""
    total = Delivery()
    while True:
        batch = deliver_due()
        total.add(batch)
        if not (batch.sent or batch.retrying or batch.failed) or batch.unreachable:
            return total


def as_email(message: Message, connection: Any = None) -> EmailMessage:
    headers = {**message.headers, "Message-ID": message.message_id}
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        to=message.recipients,
        reply_to=message.reply_to or None,
        headers=headers,
        connection=connection,
    )


def _renew(message: Message, claim: uuid.UUID) -> bool:
    until = timezone.now() + claim_duration()
    mine = Message.objects.filter(pk=message.pk, claim=claim, status=Message.Status.SENDING)
    return bool(mine.update(claimed_until=until))


def _sent(message: Message, claim: uuid.UUID) -> None:
    mine = Message.objects.filter(pk=message.pk, claim=claim, status=Message.Status.SENDING)
    if not mine.update(status=Message.Status.SENT, sent_at=timezone.now(), claim=None, claimed_until=None):
        logger.warning("Outbox: message %s was sent, but another worker had taken it over meanwhile.", message.pk)


def _failed(message: Message, claim: uuid.UUID, error: Exception) -> bool:
    """Record a failed attempt; True if that was the last one allowed."""
    attempts = message.attempts + 1
    last = attempts >= settings.EMAIL_MAX_ATTEMPTS
    message.attempts = attempts
    message.next_attempt_at = timezone.now() + (dt.timedelta(0) if last else backoff(attempts))
    message.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    Message.objects.filter(pk=message.pk, claim=claim, status=Message.Status.SENDING).update(
        status=Message.Status.FAILED if last else Message.Status.QUEUED,
        attempts=attempts,
        next_attempt_at=message.next_attempt_at,
        last_error=message.last_error,
        claim=None,
        claimed_until=None,
    )
    log = logger.error if last else logger.warning
    log("Outbox: attempt %d of message %s (%s) failed: %s", attempts, message.pk, message.purpose, message.last_error)
    return last


def _give_back(messages: list[Message], claim: uuid.UUID, when: dt.datetime) -> int:
    """Return untried messages to the queue, due when the failed one is, without counting an attempt."""
    return Message.objects.filter(pk__in=[m.pk for m in messages], claim=claim, status=Message.Status.SENDING).update(
        status=Message.Status.QUEUED, next_attempt_at=when, claim=None, claimed_until=None
    )


def _drop(connection: Any) -> None:
    """Forget a connection after an error without talking to the server again (it may be the one hanging)."""
    smtp = getattr(connection, "connection", None)
    if smtp is not None:
        try:
            smtp.close()
        except Exception:  # the socket is already gone
            logger.debug("Outbox: closing a broken SMTP connection failed", exc_info=True)
        connection.connection = None


def _close(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # QUIT on a connection the server already dropped
        _drop(connection)
