"""Signing in and out (Django's views in krokarm's layout)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from krokarm.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_officer_without_admin_rights_signs_in_and_lands_where_they_were_going(client: Any) -> None:
    UserFactory(username="handlaggare")
    response = client.post(
        reverse("accounts:login"), {"username": "handlaggare", "password": "a-long-test-password", "next": "/inkorg/"}
    )
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    assert "_auth_user_id" in client.session


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client: Any) -> None:
    UserFactory(username="handlaggare")
    response = client.post(reverse("accounts:login"), {"username": "handlaggare", "password": "fel"})
    assert response.status_code == 200
    assert "Inloggningen misslyckades" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post(client: Any) -> None:
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
