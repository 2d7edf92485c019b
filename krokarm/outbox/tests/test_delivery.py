"""Delivery: what is due is sent once, failures back off and end as failed, an unreachable server costs one
attempt per run, and a message left by a killed worker is sent after its claim runs out — never by two workers."""

from __future__ import annotations

import datetime as dt
import smtplib
import uuid
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.outbox import delivery
from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import deliver, due_now, message

pytestmark = pytest.mark.django_db
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def refused(address: str = "rita@example.se") -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})


def test_a_due_message_is_sent_once_with_its_message_id_and_marked_sent() -> None:
    row = message(to=["rita@example.se", "olle@example.se"], subject="Hej", body="Text\n")
    assert deliver().sent == 1
    assert deliver().sent == 0  # nothing is sent twice
    [sent] = mail.outbox
    assert sent.to == ["rita@example.se", "olle@example.se"] and sent.subject == "Hej" and sent.body == "Text\n"
    assert sent.extra_headers["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert row.status == "sent" and row.sent_at is not None and row.claim is None and row.attempts == 0


def test_a_message_waits_until_its_next_attempt() -> None:
    message(next_attempt_at=timezone.now() + dt.timedelta(minutes=5))
    assert deliver().sent == 0 and mail.outbox == []


def test_a_failed_attempt_keeps_the_message_with_its_error_and_tries_again_after_a_backoff() -> None:
    row = message()
    before = timezone.now()
    with mock.patch(LOCMEM_SEND, side_effect=refused()):
        summary = deliver()
    assert (summary.sent, summary.retrying, summary.failed) == (0, 1, 0)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("queued", 1)
    assert "SMTPRecipientsRefused" in row.last_error and "No such user" in row.last_error
    wait = row.next_attempt_at - before
    assert dt.timedelta(seconds=44) < wait < dt.timedelta(seconds=62)  # the first delay, 60 s, less jitter
    assert deliver().sent == 0  # not before its time
    due_now(row)
    assert deliver().sent == 1 and len(mail.outbox) == 1


def test_the_backoff_doubles_each_attempt_spreads_retries_and_stops_growing_at_an_hour() -> None:
    for attempts, minutes in [(1, 1), (2, 2), (3, 4), (4, 8), (7, 60), (8, 60), (50_000, 60)]:
        waits = {delivery.backoff(attempts) for _ in range(20)}
        assert all(dt.timedelta(minutes=minutes * 0.75) <= wait <= dt.timedelta(minutes=minutes) for wait in waits)
        assert len(waits) > 1  # jitter: messages that failed together do not retry together


def test_after_the_last_allowed_attempt_the_message_is_marked_failed(settings: Any) -> None:
    settings.EMAIL_MAX_ATTEMPTS = 8
    row = message(attempts=7)
    with mock.patch(LOCMEM_SEND, side_effect=refused()):
        summary = deliver()
    assert summary.failed == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 8) and "No such user" in row.last_error
    assert deliver().sent == 0  # a failed message waits for a coordinator to send it again


def test_an_unreachable_server_costs_one_attempt_and_the_other_messages_wait_untried() -> None:
    rows = [message(to=[f"p{n}@example.se"]) for n in range(3)]
    with mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError(111, "Connection refused")) as send:
        summary = deliver()
    assert send.call_count == 1  # one timeout or refusal per run, not one per message
    assert (summary.retrying, summary.given_back, summary.unreachable) == (1, 2, True)
    for row in rows:
        row.refresh_from_db()
    assert [(r.status, r.attempts) for r in rows] == [("queued", 1), ("queued", 0), ("queued", 0)]
    assert len({r.next_attempt_at for r in rows}) == 1  # all wait as long as the one that failed
    assert rows[1].last_error == ""


def test_a_refused_recipient_does_not_hold_up_the_other_messages() -> None:
    bad, good = message(to=["nobody@example.se"]), message(to=["rita@example.se"])
    real_send = LocmemBackend.send_messages

    def send(backend: Any, messages: Any) -> int:
        if messages[0].to == ["nobody@example.se"]:
            raise refused("nobody@example.se")
        return real_send(backend, messages)

    with mock.patch(LOCMEM_SEND, autospec=True, side_effect=send):
        summary = deliver()
    assert (summary.sent, summary.retrying, summary.unreachable) == (1, 1, False)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.status, good.status) == ("queued", "sent")


def test_a_message_that_cannot_be_built_does_not_hold_up_the_others() -> None:
    broken, good = message(to=["nobody@example.se"]), message(to=["rita@example.se"])
    real_send = LocmemBackend.send_messages

    def send(backend: Any, messages: Any) -> int:
        if messages[0].to == ["nobody@example.se"]:
            raise ValueError("Header values may not contain linefeed or carriage return characters")
        return real_send(backend, messages)

    with mock.patch(LOCMEM_SEND, autospec=True, side_effect=send):
        summary = deliver()
    assert (summary.sent, summary.retrying, summary.unreachable) == (1, 1, False)
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.status == "queued" and broken.last_error.startswith("ValueError: Header values")
    assert good.status == "sent"


def test_two_workers_claiming_at_once_never_get_the_same_message() -> None:
    rows = [message(to=[f"p{n}@example.se"]) for n in range(5)]
    with zeal_ignore():
        first = delivery.claim_due(uuid.uuid4(), limit=3)
        second = delivery.claim_due(uuid.uuid4(), limit=3)
        third = delivery.claim_due(uuid.uuid4(), limit=3)
    assert len(first) == 3 and len(second) == 2 and third == []
    assert {m.pk for m in first} | {m.pk for m in second} == {r.pk for r in rows}
    assert not {m.pk for m in first} & {m.pk for m in second}


def test_a_message_left_sending_by_a_killed_worker_is_sent_once_its_claim_runs_out() -> None:
    row = message()
    killed = uuid.uuid4()
    with zeal_ignore():
        [claimed] = delivery.claim_due(killed)  # the worker dies here, before sending
    assert claimed.status == "sending" and claimed.claimed_until is not None
    assert claimed.claimed_until > timezone.now() + dt.timedelta(minutes=3)
    assert deliver().sent == 0  # another worker leaves it alone while the claim holds
    Message.objects.filter(pk=row.pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    assert deliver().sent == 1 and len(mail.outbox) == 1
    # Had the first worker only been slow, it finds the message is no longer its own and does not send it.
    assert delivery._renew(claimed, killed) is False


def test_a_message_is_sent_through_a_connection_with_the_configured_timeout(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 3
    message()
    with (
        mock.patch("django.core.mail.backends.smtp.EmailBackend.open"),
        mock.patch("django.core.mail.backends.smtp.EmailBackend.send_messages", return_value=1) as send,
    ):
        assert deliver().sent == 1
    assert send.call_args.args[0][0].connection.timeout == 3


def test_the_sweep_command_says_what_it_sent() -> None:
    message()
    out = StringIO()
    with zeal_ignore():
        call_command("send_queued_mail", stdout=out)
    assert out.getvalue() == "Outbox: 1 sent, 0 to retry, 0 failed.\n"
