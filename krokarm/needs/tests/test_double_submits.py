"""A double click (or a resent form) makes one thing: one need, one answer, one reply (issue 14, point 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from krokarm.audit.models import AuditEntry
from krokarm.needs.models import Answer, Need
from krokarm.needs.tests.factories import AGENCY, REGION, log_in, make_answer, make_need, officer, region_editor, url

pytestmark = pytest.mark.django_db
ALREADY = "Det här var redan sparat: formuläret skickades två gånger."
NEW_NEED = {
    "region": REGION,
    "title": "Fler lärare i yrkesvux",
    "description": "Kommunerna i länet saknar yrkeslärare.",
    "themes": ["kompetensforsorjning"],
    "invited": [AGENCY],
}


def form_key(response: Any, form: str = "form") -> str:
    """The one-time key a page's form carries, as the browser sends it back."""
    return str(response.context[form]["once"].value())


def test_a_double_submitted_need_is_published_once_and_the_second_shows_it(client: Client) -> None:
    log_in(client, region_editor())
    data = {**NEW_NEED, "once": form_key(client.get(url("create")))}
    first = client.post(url("create"), data)
    second = client.post(url("create"), data, follow=True)
    need = Need.objects.get()  # kept: one need
    assert first.status_code == 302 and first["Location"] == need.get_absolute_url()
    assert second.redirect_chain == [(need.get_absolute_url(), 302)] and ALREADY in second.text
    assert AuditEntry.objects.filter(action="need.created").count() == 1


def test_the_create_form_keeps_its_key_through_an_error(client: Client) -> None:
    log_in(client, region_editor())
    key = form_key(client.get(url("create")))
    refused = client.post(url("create"), {**NEW_NEED, "title": "", "once": key})
    assert refused.status_code == 400 and form_key(refused) == key
    for _ in range(2):
        client.post(url("create"), {**NEW_NEED, "once": key})
    assert Need.objects.count() == 1


def test_a_double_submitted_answer_is_sent_once(client: Client) -> None:
    need = make_need()
    log_in(client, officer())
    page = client.get(need.get_absolute_url())
    data = {
        "actor": AGENCY,
        "kind": Answer.Kind.OFFER,
        "text": "Vi kan hjälpa till.",
        "once": form_key(page, "answer_form"),
    }
    first = client.post(url("answer", need.pk), data)
    second = client.post(url("answer", need.pk), data, follow=True)
    answer = Answer.objects.get()  # kept: one answer
    assert first["Location"] == f"{need.get_absolute_url()}#svar-{answer.pk}"
    assert second.status_code == 200 and ALREADY in second.text


def test_a_double_submitted_reply_is_saved_once(client: Client) -> None:
    answer = make_answer(make_need())
    log_in(client, region_editor())
    page = client.get(answer.need.get_absolute_url())
    (reply_form,) = [form for a, form in page.context["answers"] if a.pk == answer.pk]
    prefix = f"svar-{answer.pk}"
    data = {
        f"{prefix}-reply": "Tack, vi hör av oss.",
        f"{prefix}-once": reply_form["once"].value(),
        f"{prefix}-version": reply_form["version"].value(),
    }
    assert client.post(url("reply", answer.need_id, answer.pk), data).status_code == 302
    second = client.post(url("reply", answer.need_id, answer.pk), data, follow=True)
    assert ALREADY in second.text  # not a "changed meanwhile" refusal: it is the same click
    answer.refresh_from_db()
    assert answer.reply == "Tack, vi hör av oss." and answer.version == 2
    assert AuditEntry.objects.filter(action="answer.replied").count() == 1
