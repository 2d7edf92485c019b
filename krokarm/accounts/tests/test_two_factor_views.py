"""Editors, organisation admins, coordinators and site admins sign in with a one-time code (TOTP)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory, current_code, member_of
from krokarm.accounts.views import SETUP_KEY
from krokarm.audit.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

PASSWORD = "a-long-test-password"
SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")


@pytest.fixture(autouse=True)
def _enforced(settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = True


def sign_in(client: Any, user: Any, next: str = "/inkorg/") -> Any:
    with zeal_ignore():
        return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD, "next": next})


def with_app(user: Any) -> str:
    key = random_hex(20)
    TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)
    return key


def test_an_editor_without_an_app_is_sent_to_set_one_up(client: Any) -> None:
    editor = member_of("arbetsformedlingen", Affiliation.Role.EDITOR)
    response = sign_in(client, editor)
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=%2Finkorg%2F"
    # Every other page sends them back there until they have.
    assert client.get("/inkorg/")["Location"] == f"{SETUP}?next=%2Finkorg%2F"
    assert client.get("/healthz").status_code == 200


def test_a_site_admin_signed_in_elsewhere_is_stopped_too(client: Any) -> None:
    with zeal_ignore():
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_set_up_page_shows_a_qr_code_and_the_key_and_confirms_with_a_code(client: Any) -> None:
    editor = member_of("arbetsformedlingen", Affiliation.Role.EDITOR)
    sign_in(client, editor)
    page = client.get(f"{SETUP}?next=/inkorg/")
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and 'role="img"' in text
    key = client.session[SETUP_KEY]
    assert page.context["secret"].replace(" ", "") in text.replace(" ", "")
    response = client.post(SETUP, {"code": current_code(key), "next": "/inkorg/"})
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and device.key == key
    assert AuditEntry.objects.filter(action="user.two_factor_enabled", target_id=str(editor.pk)).exists()
    assert client.get("/inkorg/").status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client: Any) -> None:
    editor = member_of("arbetsformedlingen", Affiliation.Role.EDITOR)
    sign_in(client, editor)
    client.get(SETUP)
    key = client.session[SETUP_KEY]
    wrong = f"{(int(current_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 400 and "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_next_sign_in_asks_for_the_code(client: Any) -> None:
    admin = member_of("arbetsformedlingen", Affiliation.Role.ADMIN)
    key = with_app(admin)
    response = sign_in(client, admin)
    assert response["Location"] == f"{VERIFY}?next=%2Finkorg%2F"
    assert client.get("/inkorg/")["Location"].startswith(VERIFY)
    assert "Skriv engångskoden" in client.get(VERIFY).content.decode()
    response = client.post(VERIFY, {"code": current_code(key), "next": "/inkorg/"})
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    assert client.get("/inkorg/").status_code == 200


def test_a_wrong_or_reused_code_is_refused(client: Any) -> None:
    admin = member_of("arbetsformedlingen", Affiliation.Role.ADMIN)
    key = with_app(admin)
    sign_in(client, admin)
    response = client.post(VERIFY, {"code": "12345x"})
    assert response.status_code == 400 and "sex siffror" in response.content.decode()
    code = current_code(key)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert client.post(VERIFY, {"code": wrong}).status_code == 400
    assert client.get("/inkorg/")["Location"].startswith(VERIFY)


def test_an_ordinary_member_is_not_asked_for_a_code(client: Any) -> None:
    member = member_of("arbetsformedlingen", Affiliation.Role.MEMBER)
    response = sign_in(client, member)
    assert response.status_code == 302 and response["Location"] == "/inkorg/"
    assert client.get("/inkorg/").status_code == 200


def test_the_pages_need_a_signed_in_user(client: Any) -> None:
    for url in (SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_enforcement_can_be_turned_off(client: Any, settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = False
    with zeal_ignore():
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_after_a_wrong_code_the_next_try_must_wait_a_moment(client: Any) -> None:
    admin = member_of("arbetsformedlingen", Affiliation.Role.ADMIN)
    key = with_app(admin)
    sign_in(client, admin)
    code = current_code(key)
    client.post(VERIFY, {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 400 and "Vänta några sekunder" in response.content.decode()
