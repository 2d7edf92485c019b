"""Signing in with an e-mail address or a username, and signing out."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_officer_without_admin_rights_signs_in_and_lands_where_they_were_going(client: Any) -> None:
    UserFactory(username="handlaggare")
    response = client.post(
        reverse("accounts:login"), {"username": "handlaggare", "password": "a-long-test-password", "next": "/inkorg/"}
    )
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    assert "_auth_user_id" in client.session


def test_an_officer_signs_in_with_their_email_address_in_any_case(client: Any) -> None:
    user: Any = UserFactory(username="handlaggare", email="Anna.Berg@example.se")
    response = client.post(
        reverse("accounts:login"), {"username": "anna.berg@EXAMPLE.se", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_form_asks_for_an_email_address_or_a_username(client: Any) -> None:
    text = client.get(reverse("accounts:login")).content.decode()
    assert "E-postadress eller användarnamn" in text
    assert reverse("accounts:password-reset") in text


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client: Any) -> None:
    UserFactory(username="handlaggare")
    response = client.post(reverse("accounts:login"), {"username": "handlaggare", "password": "fel"})
    assert response.status_code == 200
    assert "Inloggningen misslyckades" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_address_shared_by_two_active_accounts_signs_nobody_in(client: Any) -> None:
    UserFactory(username="en", email="delad@example.se")
    UserFactory(username="tva", email="delad@example.se")
    response = client.post(
        reverse("accounts:login"), {"username": "delad@example.se", "password": "a-long-test-password"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_signing_out_takes_a_post(client: Any) -> None:
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_a_signed_in_user_signs_out(client: Any) -> None:
    with zeal_ignore():
        client.force_login(UserFactory())
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
