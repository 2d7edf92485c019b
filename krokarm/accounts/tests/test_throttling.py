"""Repeated failed sign-ins lock the account, and separately the client address, for a while, and are logged
(django-axes)."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.urls import reverse

from krokarm.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fail(client: Any, times: int, username: str = "handlaggare", **extra: Any) -> Any:
    response = None
    for _ in range(times):
        response = client.post(reverse("accounts:login"), {"username": username, "password": "fel"}, **extra)
    return response


def test_five_failures_lock_the_account_and_the_page_says_how_long_to_wait(client: Any) -> None:
    UserFactory(username="handlaggare")
    assert fail(client, 4).status_code == 200
    response = fail(client, 1)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in text and "Vänta 15 minuter" in text
    # Even the right password is refused while the lock lasts.
    right = client.post(reverse("accounts:login"), {"username": "handlaggare", "password": "a-long-test-password"})
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_the_account_lock_holds_from_every_address(client: Any) -> None:
    UserFactory(username="handlaggare")
    fail(client, 5, REMOTE_ADDR="198.51.100.4")
    elsewhere = client.post(
        reverse("accounts:login"),
        {"username": "handlaggare", "password": "a-long-test-password"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert elsewhere.status_code == 429 and "_auth_user_id" not in client.session


def test_failures_split_between_user_name_and_e_mail_lock_the_account_at_the_same_limit(client: Any) -> None:
    UserFactory(username="handlaggare", email="anna.handlaggare@af.se")
    assert fail(client, 2, username="handlaggare").status_code == 200
    assert fail(client, 2, username="Anna.Handlaggare@AF.se").status_code == 200
    assert fail(client, 1, username="anna.handlaggare@af.se").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"handlaggare"}
    right = client.post(
        reverse("accounts:login"), {"username": "anna.handlaggare@af.se", "password": "a-long-test-password"}
    )
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_failures_over_many_names_from_one_address_lock_that_address(client: Any, settings: Any) -> None:
    UserFactory(username="handlaggare")
    limit = settings.SIGN_IN_FAILURES_PER_ADDRESS
    for n in range(limit - 1):
        assert fail(client, 1, username=f"gissning{n}@example.se", REMOTE_ADDR="198.51.100.4").status_code == 200
    assert fail(client, 1, username="ytterligare@example.se", REMOTE_ADDR="198.51.100.4").status_code == 429
    right = {"username": "handlaggare", "password": "a-long-test-password"}
    assert client.post(reverse("accounts:login"), right, REMOTE_ADDR="198.51.100.4").status_code == 429
    assert client.post(reverse("accounts:login"), right, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_address_budget(client: Any, settings: Any) -> None:
    UserFactory(username="egen")
    limit = settings.SIGN_IN_FAILURES_PER_ADDRESS
    for n in range(limit - 1):
        fail(client, 1, username=f"gissning{n}@example.se")
    own = client.post(reverse("accounts:login"), {"username": "egen", "password": "a-long-test-password"})
    assert own.status_code == 302
    client.logout()
    assert fail(client, 1, username="ytterligare@example.se").status_code == 429


def test_failures_are_kept_and_logged(client: Any, caplog: Any) -> None:
    fail(client, 2, username="Okand@Example.se")
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 2 and attempt.username == "okand@example.se"
    assert "sign-in failed for 'okand@example.se' from 127.0.0.1" in caplog.text


def test_a_client_that_forges_x_real_ip_is_counted_under_its_own_address(client: Any, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    for forged in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        fail(client, 1, REMOTE_ADDR="198.51.100.4", HTTP_X_REAL_IP=forged)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.4"}


def test_behind_a_trusted_proxy_failures_count_under_the_address_it_names(client: Any, settings: Any) -> None:
    settings.BEHIND_PROXY = True
    fail(client, 1, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.1")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.1"]
