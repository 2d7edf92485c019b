"""Reporting a comment and the coordinators' moderation queue: report → queue → hide → restore."""

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.comments import actions
from krokarm.comments.models import Report
from krokarm.comments.tests.factories import THREAD_URL, comment, coordinator, editor_of, log_in, reader, url

pytestmark = pytest.mark.django_db
QUEUE = "/samordning/moderering/"


def test_a_reported_comment_goes_to_the_queue_is_hidden_with_a_reason_and_restored(client):
    bad = comment(text="Olämplig text")
    log_in(client, reader())
    form = client.get(url("report", bad.pk))
    assert form.status_code == 200 and "Olämplig text" in form.text
    response = client.post(url("report", bad.pk), {"reason": "Den är kränkande"})
    assert response["Location"] == f"{THREAD_URL}#kommentar-{bad.pk}"
    assert Report.objects.get().reason == "Den är kränkande"

    log_in(client, coordinator())
    queue = client.get(QUEUE).text
    assert "Olämplig text" in queue and "Den är kränkande" in queue

    assert client.post(url("hide", bad.pk), {"reason": "Bryter mot reglerna"}).status_code == 302
    assert "Kommentaren är dold av moderator: Bryter mot reglerna" in client.get(THREAD_URL).text
    assert Report.objects.get().resolution == Report.Resolution.HIDDEN
    assert "Inga anmälningar väntar." in client.get(QUEUE).text

    assert client.post(url("restore", bad.pk), {"reason": "Omprövat"}).status_code == 302
    page = client.get(THREAD_URL).text
    assert "Olämplig text" in page and "dold av moderator" not in page
    assert [e.action for e in AuditEntry.objects.filter(target_id=str(bad.pk)).order_by("pk")][-3:] == [
        "comment.reported",
        "comment.hidden",
        "comment.restored",
    ]


def test_hiding_without_a_reason_is_refused_with_a_message(client):
    bad = comment()
    actions.report_comment(bad, user=reader(), reason="Spam")
    log_in(client, coordinator())
    response = client.post(url("hide", bad.pk), {"reason": "  "})
    assert response.status_code == 400
    assert "Skriv ett skäl." in response.text
    bad.refresh_from_db()
    assert not bad.is_hidden


def test_a_report_needs_a_reason(client):
    bad = comment()
    log_in(client, reader())
    response = client.post(url("report", bad.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Skriv ett skäl." in response.text
    assert not Report.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_to_report_or_moderate(client):
    bad = comment()
    for response in (client.get(url("report", bad.pk)), client.get(QUEUE), client.post(url("hide", bad.pk))):
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["reader", "actor's editor"])
def test_only_coordinators_moderate(client, who):
    bad = comment()
    log_in(client, reader() if who == "reader" else editor_of("arbetsformedlingen"))
    assert client.get(QUEUE).status_code == 403
    assert client.post(url("hide", bad.pk), {"reason": "Nej"}).status_code == 403
    assert client.post(url("restore", bad.pk), {"reason": "Nej"}).status_code == 403
    bad.refresh_from_db()
    assert not bad.is_hidden


def test_unknown_comments_are_404_and_wrong_methods_405(client):
    log_in(client, coordinator())
    assert client.post(url("hide", 999999), {"reason": "x"}).status_code == 404
    assert client.get(url("report", 999999)).status_code == 404
    assert client.get(url("hide", comment().pk)).status_code == 405
    assert client.post(QUEUE).status_code == 405


def test_the_queue_reads_a_fixed_number_of_queries_however_many_comments_wait(client):
    boss = coordinator()
    log_in(client, boss)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as empty:
        client.get(QUEUE)
    with zeal_ignore():
        for n in range(3):
            reported = comment(text=f"Anmäld {n}")
            actions.report_comment(reported, user=reader(), reason=f"Skäl {n}")
            actions.hide_comment(comment(text=f"Dold {n}"), user=boss, reason="Regelbrott")
    with CaptureQueriesContext(connection) as full:
        assert client.get(QUEUE).status_code == 200
    # Signing in and the layout cost the same either way; the queue reads the reported comments, the hidden
    # ones and, once there are reported comments, their open reports (one query for all of them).
    assert len(full) == len(empty) + 1
