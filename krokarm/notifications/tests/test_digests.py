"""E-mail digests: who gets one and when, what it says, and that no notification is ever e-mailed twice.

A digest run queues its e-mail in the outbox in the transaction that marks the notifications e-mailed; the
worker sends it (`deliver()` here)."""

from __future__ import annotations

from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from zeal import zeal_ignore

from krokarm.notifications import actions
from krokarm.notifications.models import Notification
from krokarm.notifications.tests.factories import notification, notifications, reader
from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import deliver, due_now, queued

pytestmark = pytest.mark.django_db
DAILY, WEEKLY = "dagligen", "varje vecka"


def choose(user: Any, frequency: str) -> Any:
    with zeal_ignore():
        actions.set_digest_frequency(user, frequency)
    return user


def send(frequency: str = DAILY) -> actions.DigestSummary:
    """One digest run, then the worker's delivery of what it queued."""
    with zeal_ignore():  # several runs in one test, each reading its claim back
        summary = actions.send_digests(frequency)
    deliver()
    return summary


def test_the_daily_run_sends_one_swedish_email_per_person_with_absolute_links(settings: Any) -> None:
    settings.SITE_URL = "https://krokarm.example"
    rita = reader(email="rita@example.se")
    notification(rita, text="Arbetsförmedlingen har uppdaterat sin profil.")
    notification(rita, text="Ärende VI-2026-000001 har tagits emot.", url="/inkorg/VI-2026-000001/")
    notification(reader(email="olle@example.se"))
    summary = send()
    assert (summary.emails, summary.items) == (2, 3)
    message = next(m for m in mail.outbox if m.to == ["rita@example.se"])
    assert message.subject == "Nytt på krokarm: 2 aviseringar"
    assert "– Arbetsförmedlingen har uppdaterat sin profil.\n  https://krokarm.example/aktorer/arbetsformedlingen/" in (
        message.body
    )
    assert "https://krokarm.example/inkorg/VI-2026-000001/" in message.body
    assert "Du får den här sammanfattningen dagligen." in message.body
    assert "https://krokarm.example/konto/aviseringar/installningar/" in message.body
    assert not Notification.objects.filter(emailed_at=None).exists()


def test_running_the_digest_twice_emails_each_notification_once() -> None:
    rita = reader()
    notifications(2, user=rita)
    assert send().items == 2
    assert send().items == 0
    notification(rita, text="Något nytt.")
    assert send().items == 1
    assert len(mail.outbox) == 2
    assert "Något nytt." in mail.outbox[1].body and mail.outbox[1].subject == "Nytt på krokarm: en avisering"


def test_two_runs_claiming_at_once_never_send_the_same_notification() -> None:
    notifications(3, user=reader())
    first, second = actions.claim_digest(DAILY), actions.claim_digest(DAILY)  # the second run claims next
    assert Notification.objects.filter(digest_claim=first).count() == 3
    assert not Notification.objects.filter(digest_claim=second).exists()
    with zeal_ignore():
        late = actions.queue_claimed(second, DAILY)
        early = actions.queue_claimed(first, DAILY)
    assert (late.items, early.items) == (0, 3)
    assert len(queued(purpose="notifications.digest.daily")) == 1
    deliver()
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_run_that_died_is_taken_over_after_an_hour_but_not_before() -> None:
    from datetime import timedelta

    from django.utils import timezone

    notifications(2, user=reader())
    started = timezone.now()
    dead = actions.claim_digest(DAILY, now=started)  # claimed, then the process was killed before sending
    with zeal_ignore():
        soon = actions.queue_claimed(actions.claim_digest(DAILY, now=started + timedelta(minutes=30)), DAILY)
        later = actions.queue_claimed(actions.claim_digest(DAILY, now=started + timedelta(minutes=61)), DAILY)
        actions.queue_claimed(dead, DAILY)  # had it only been slow, it finds nothing left to send
    assert (soon.items, later.items) == (0, 2)
    deliver()
    assert len(mail.outbox) == 1


def test_weekly_readers_get_theirs_only_on_the_weekly_run_and_those_who_chose_off_never() -> None:
    weekly, off, daily = choose(reader(), WEEKLY), choose(reader(), "av"), reader()
    for user in (weekly, off, daily):
        notification(user)
    assert send(DAILY).items == 1 and mail.outbox[0].to == [daily.email]
    assert send(WEEKLY).items == 1 and mail.outbox[1].to == [weekly.email]
    assert "Du får den här sammanfattningen varje vecka." in mail.outbox[1].body
    assert send(DAILY).items == 0 and send(WEEKLY).items == 0
    assert Notification.objects.get(user=off).emailed_at is None


def test_read_notifications_and_people_without_an_address_are_left_out() -> None:
    notification(reader(), read=True)
    notification(reader(email=""))
    notification(reader(is_active=False))
    notification(reader(), emailed=True)
    assert send().emails == 0
    assert mail.outbox == []


def test_a_failed_send_is_retried_by_the_outbox_and_the_notification_is_emailed_once() -> None:
    notification(reader())
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("SMTP is down")):
        summary = send()
    # Kept: the digest waits in the outbox with the error, and the notification counts as e-mailed.
    assert summary.emails == 1 and mail.outbox == []
    waiting = Message.objects.get(purpose="notifications.digest.daily")
    assert (waiting.status, waiting.attempts, waiting.last_error) == ("queued", 1, "OSError: SMTP is down")
    assert Notification.objects.get().emailed_at is not None
    assert send().items == 0  # the next digest run does not e-mail it again
    due_now(waiting)
    deliver()
    assert len(mail.outbox) == 1


def test_a_digest_run_that_dies_before_committing_leaves_nothing_claimed() -> None:
    notification(reader())
    with (
        mock.patch("krokarm.notifications.actions.outbox.queue_mail", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        send()
    # Kept: the notification is unclaimed and un-e-mailed, so the next run sends it (no hour-long stuck claim).
    assert Notification.objects.filter(digest_claim=None, emailed_at=None).count() == 1
    assert send().items == 1 and len(mail.outbox) == 1


def test_the_command_says_how_many_emails_and_notifications_it_sent() -> None:
    notifications(2, user=reader())
    out = StringIO()
    with zeal_ignore():
        call_command("send_digests", "--frequency", "daily", stdout=out)
        call_command("send_digests", "--frequency", "daily", stdout=out)
    assert "Queued 1 daily digest e-mail(s) with 2 notification(s) for the outbox." in out.getvalue()
    assert "No daily digest to send" in out.getvalue()


def test_the_command_needs_a_known_frequency() -> None:
    with pytest.raises(Exception, match="frequency"):
        call_command("send_digests", "--frequency", "hourly")
