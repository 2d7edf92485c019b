"""Forgotten passwords are reset through a link sent by e-mail; the pages never reveal whether an address
has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from krokarm.accounts.tests.factories import UserFactory
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_known_address_gets_a_link_in_swedish(client: Any) -> None:
    UserFactory(email="anna@example.se")
    response = client.post(reverse("accounts:password-reset"), {"email": "Anna@example.se"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"] and message.subject == "Nytt lösenord till krokarm"
    assert "Välj ett nytt lösenord här: http" in message.body and "/konto/losenord/nytt/" in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Any) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "ingen@example.se"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:password-reset-sent"), 302)]
    assert "Om adressen hör till ett konto" in response.content.decode()
    assert mail.outbox == []


def test_the_link_sets_a_new_password_which_is_audited(client: Any) -> None:
    user: Any = UserFactory(email="anna@example.se")
    client.post(reverse("accounts:password-reset"), {"email": "anna@example.se"})
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
