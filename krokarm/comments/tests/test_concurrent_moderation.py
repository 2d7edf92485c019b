"""Closing, reopening and moderating at the same time as someone else: the first decision stands, the second
person is told (409) and keeps what they wrote; never a 500, nothing recorded twice (issue 14)."""

from typing import Any

import pytest
from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Responsibility
from krokarm.audit.models import AuditEntry
from krokarm.comments import actions
from krokarm.comments.models import Comment, Thread
from krokarm.comments.tests.factories import (
    THREAD_URL,
    comment,
    coordinator,
    log_in,
    reader,
    responsibility,
    url,
)
from krokarm.lib.testing import at_once, returned

QUEUE = "/samordning/moderering/"
CLOSE_URL, REOPEN_URL = THREAD_URL + "stang/", THREAD_URL + "oppna/"


# One after the other: a button pressed on a page older than the thread or the comment.


@pytest.mark.django_db
def test_closing_a_thread_closed_meanwhile_is_a_409_that_says_so(client):
    actions.close_thread(responsibility(), user=coordinator())
    log_in(client, coordinator())
    response = client.post(CLOSE_URL)
    assert response.status_code == 409 and "Tråden är redan stängd för fler kommentarer." in response.text
    assert AuditEntry.objects.filter(action="thread.closed").count() == 1  # recorded once


@pytest.mark.django_db
def test_reopening_an_open_thread_is_a_409_that_says_so(client):
    comment()
    log_in(client, coordinator())
    response = client.post(REOPEN_URL)
    assert response.status_code == 409 and "Tråden är redan öppen för kommentarer." in response.text
    assert not AuditEntry.objects.filter(action="thread.reopened").exists()


@pytest.mark.django_db
def test_hiding_a_comment_another_coordinator_let_stay_meanwhile_is_refused_and_keeps_the_reason(client):
    bad = comment(text="Olämplig text")
    with zeal_ignore():
        actions.report_comment(bad, user=reader(), reason="Spam")
        seen = Comment.objects.get(pk=bad.pk).version
        actions.restore_comment(bad, user=coordinator(), reason="Inte spam")
    log_in(client, coordinator())
    response = client.post(url("hide", bad.pk), {"reason": "Reklam för en kurs", "version": seen})
    assert response.status_code == 409
    assert "En annan samordnare har redan beslutat att kommentaren får synas." in response.text
    assert "Reklam för en kurs" in response.text  # kept
    bad.refresh_from_db()
    assert not bad.is_hidden and bad.version == 2


@pytest.mark.django_db
def test_hiding_a_hidden_comment_is_refused_and_keeps_the_first_reason(client):
    bad = comment()
    with zeal_ignore():
        actions.hide_comment(bad, user=coordinator(), reason="Personuppgifter")
    log_in(client, coordinator())
    response = client.post(url("hide", bad.pk), {"reason": "Annat skäl"})  # a page without a version
    assert response.status_code == 409 and "Kommentaren är redan dold." in response.text
    bad.refresh_from_db()
    assert bad.hidden_reason == "Personuppgifter"


@pytest.mark.django_db
def test_the_moderation_queue_carries_each_comments_version(client):
    bad = comment()
    with zeal_ignore():
        actions.report_comment(bad, user=reader(), reason="Spam")
    log_in(client, coordinator())
    assert 'name="version" value="1"' in client.get(QUEUE).text


@pytest.mark.django_db
def test_a_thread_about_something_no_longer_current_opens_and_says_so(client):
    comment(text="Bra att ni leder det här.")
    Responsibility.all_objects.filter(pk=responsibility().pk).update(retired_at="2026-12-01T00:00:00Z")
    response = client.get(THREAD_URL)
    assert response.status_code == 200
    assert "Gäller inte längre" in response.text and "Bra att ni leder det här." in response.text


# At the same instant: two requests on their own threads and connections, on a committed copy of the seeded database.


def signed_in(user: Any) -> Client:
    client = Client()
    with zeal_ignore():
        client.force_login(user)
    return client


def staff() -> Any:
    with zeal_ignore():
        return UserFactory.create(is_staff=True)


@pytest.mark.usefixtures("committed_db")
def test_two_coordinators_closing_at_once_get_one_success_and_one_409() -> None:
    first, second = signed_in(staff()), signed_in(staff())
    responses = returned(at_once(lambda: first.post(CLOSE_URL), lambda: second.post(CLOSE_URL)))
    assert sorted(r.status_code for r in responses) == [302, 409]
    assert Thread.objects.get().is_closed and AuditEntry.objects.filter(action="thread.closed").count() == 1


@pytest.mark.usefixtures("committed_db")
def test_two_coordinators_hiding_at_once_keep_the_first_reason_and_tell_the_second() -> None:
    with zeal_ignore():
        bad = comment(user=UserFactory.create(), text="Olämplig text")
    first, second = signed_in(staff()), signed_in(staff())
    responses = returned(
        at_once(
            lambda: first.post(url("hide", bad.pk), {"reason": "Kränkande", "version": 1}),
            lambda: second.post(url("hide", bad.pk), {"reason": "Personuppgifter", "version": 1}),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    bad.refresh_from_db()
    lost = {"Kränkande", "Personuppgifter"} - {bad.hidden_reason}
    refused = next(r for r in responses if r.status_code == 409).content.decode()
    assert f"En annan samordnare har redan dolt kommentaren, med skälet: {bad.hidden_reason}" in refused
    assert lost.pop() in refused  # the second coordinator's reason, kept on the page
    assert AuditEntry.objects.filter(action="comment.hidden").count() == 1 and bad.version == 2


@pytest.mark.usefixtures("committed_db")
def test_a_comment_posted_twice_at_the_same_instant_is_one_comment() -> None:
    with zeal_ignore():
        author = signed_in(UserFactory.create())
    data = {"text": "Bra beskrivet!", "once": "9" * 32}
    responses = returned(
        at_once(lambda: author.post(THREAD_URL + "skriv/", data), lambda: author.post(THREAD_URL + "skriv/", data))
    )
    posted = Comment.objects.get()  # kept: one comment
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {f"{THREAD_URL}#kommentar-{posted.pk}"}
