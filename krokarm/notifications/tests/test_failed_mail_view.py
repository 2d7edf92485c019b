"""The coordinators' page of e-mail that could not be sent (/samordning/e-post/): what failed and why, with the
addresses masked, how much is waiting, and "Skicka igen" that requeues the message and records who asked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krokarm.audit.models import AuditEntry
from krokarm.comments.tests.factories import coordinator, log_in, reader
from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import deliver, failed_message, message

pytestmark = pytest.mark.django_db
PAGE = reverse("notifications:failed-mail")


def resend_url(row: Message) -> str:
    return reverse("notifications:resend-mail", args=[row.pk])


def test_a_coordinator_sees_failed_messages_with_masked_addresses_and_the_counts(client: Any) -> None:
    failed_message(to=["rita.svensson@example.se"], subject="Ditt ärende VI-2026-000007", purpose="case.answered")
    message(), message()  # waiting to be sent
    log_in(client, coordinator())
    response = client.get(PAGE)
    assert response.status_code == 200
    text = response.text
    assert "Ditt ärende VI-2026-000007" in text and "case.answered" in text
    assert "r…@example.se" in text and "No such user" in text
    assert "rita.svensson" not in text and "rita@example.se" not in text  # not in the error message either
    counts = response.context["counts"]
    assert (counts["queued"], counts["failed"]) == (2, 1)
    assert "Skicka igen" in text


def test_with_nothing_failed_the_page_says_so(client: Any) -> None:
    log_in(client, coordinator())
    assert "All e-post har gått att skicka." in client.get(PAGE).text


def test_sending_again_requeues_the_message_records_who_asked_and_the_worker_sends_it(client: Any) -> None:
    row = failed_message(to=["rita@example.se"])
    boss = coordinator()
    log_in(client, boss)
    response = client.post(resend_url(row))
    assert response.status_code == 302 and response["Location"] == PAGE
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("queued", 0)
    audit = AuditEntry.objects.get(action="mail.resent", target_id=str(row.pk))
    assert audit.user == boss and audit.public is False and audit.changes == {"status": ["failed", "queued"]}
    assert "Meddelandet skickas igen." in client.get(PAGE).text
    assert deliver().sent == 1 and [m.to for m in mail.outbox] == [["rita@example.se"]]
    assert "All e-post har gått att skicka." in client.get(PAGE).text


def test_a_double_click_requeues_once_and_says_so(client: Any) -> None:
    row = failed_message()
    log_in(client, coordinator())
    client.post(resend_url(row))
    client.post(resend_url(row))
    assert AuditEntry.objects.filter(action="mail.resent").count() == 1
    assert "Meddelandet hade redan skickats igen." in client.get(PAGE).text


def test_others_are_refused_and_anonymous_visitors_sent_to_sign_in(client: Any) -> None:
    row = failed_message()
    assert client.get(PAGE)["Location"].startswith(reverse("accounts:login"))
    assert client.post(resend_url(row))["Location"].startswith(reverse("accounts:login"))
    log_in(client, reader())
    assert client.get(PAGE).status_code == 403
    assert client.post(resend_url(row)).status_code == 403
    row.refresh_from_db()
    assert row.status == "failed"  # kept as it was


def test_an_unknown_message_is_not_found_and_the_wrong_method_is_refused(client: Any) -> None:
    row = failed_message()
    log_in(client, coordinator())
    assert client.post(reverse("notifications:resend-mail", args=[row.pk + 999])).status_code == 404
    assert client.get(resend_url(row)).status_code == 405
    assert client.post(PAGE).status_code == 405


def test_the_page_reads_the_same_number_of_queries_however_many_messages_failed(client: Any) -> None:
    log_in(client, coordinator())
    failed_message()
    client.get(PAGE)
    with CaptureQueriesContext(connection) as one:
        client.get(PAGE)
    for _ in range(5):
        failed_message()
    with CaptureQueriesContext(connection) as six:
        assert client.get(PAGE).status_code == 200
    assert len(six) == len(one)
