"""Forgotten passwords are reset through a link sent by e-mail; the pages never reveal whether an address
has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krokarm.accounts.tests.factories import UserFactory
from krokarm.audit.models import AuditEntry
from krokarm.outbox.models import Message
from krokarm.outbox.tests.factories import deliver, queued, run_waiting_tasks

pytestmark = pytest.mark.django_db


def ask_for_a_link(client: Any, email: str) -> Any:
    return client.post(reverse("accounts:password-reset"), {"email": email})


def test_a_known_address_gets_a_link_in_swedish(client: Any) -> None:
    UserFactory(email="anna@example.se")
    response = ask_for_a_link(client, "Anna@example.se")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-reset-sent")
    assert Message.objects.count() == 0  # the page looked nobody up: the worker does
    run_waiting_tasks()
    assert [(m.recipients, m.purpose) for m in queued()] == [(["anna@example.se"], "account.password_reset")]
    assert deliver().sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"] and message.subject == "Nytt lösenord till krokarm"
    assert "Välj ett nytt lösenord här: http" in message.body and "/konto/losenord/nytt/" in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Any) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "ingen@example.se"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:password-reset-sent"), 302)]
    assert "Om adressen hör till ett konto" in response.content.decode()
    run_waiting_tasks()
    deliver()
    assert Message.objects.count() == 0
    assert mail.outbox == []


def shape(queries: Any) -> list[str]:
    """The SQL a request ran, with every literal (the address, ids, times) made a placeholder."""
    return [re.sub(r"\b\d+(\.\d+)?\b", "?", re.sub(r"'(?:[^']|'')*'", "?", q["sql"])) for q in queries]


def test_the_page_answers_known_and_unknown_addresses_alike_after_the_same_work(client: Any) -> None:
    """Password-reset timing must not tell whether an address has an account: the answer is identical and the
    page runs the same statements for both (it enqueues one task; the worker looks the address up)."""
    UserFactory(email="anna@example.se")
    answers, work = [], []
    for email in ("anna@example.se", "ingen@example.se"):
        with CaptureQueriesContext(connection) as queries:
            response = ask_for_a_link(client, email)
        answers.append((response.status_code, response["Location"], response.content))
        work.append(shape(queries))
    assert answers[0] == answers[1] == (302, reverse("accounts:password-reset-sent"), b"")
    assert work[0] == work[1] and any("INSERT" in sql for sql in work[0])
    assert Message.objects.count() == 0
    run_waiting_tasks()
    assert deliver().sent == 1
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]  # only the known address gets a link


def test_a_malformed_address_is_explained_and_nothing_is_enqueued(client: Any) -> None:
    response = ask_for_a_link(client, "anna@")
    assert response.status_code == 200 and "Skriv en hel e-postadress." in response.content.decode()
    run_waiting_tasks()
    assert Message.objects.count() == 0


def test_the_link_sets_a_new_password_which_is_audited(client: Any) -> None:
    user: Any = UserFactory(email="anna@example.se")
    ask_for_a_link(client, "anna@example.se")
    run_waiting_tasks()
    deliver()
    link = re.search(r"https?://\S+(/konto/losenord/nytt/\S+/)", str(mail.outbox[0].body))
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    new = "ett-helt-nytt-lösenord-2026"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEntry.objects.filter(action="user.password_set", target_id=str(user.pk), public=False).exists()


def test_a_used_or_broken_link_offers_a_new_one(client: Any) -> None:
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "fel-token"]))
    assert response.status_code == 200
    assert "Länken fungerar inte längre" in response.content.decode()
