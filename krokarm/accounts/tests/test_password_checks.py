"""The password checks on the account page (delete account, change password, disconnect the app) spend the same
budget as signing in: repeated wrong passwords end in the 429 page and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts.models import User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.audit.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

PASSWORD = "a-long-test-password"
NEW = "ett-helt-nytt-och-langt-losenord"
LOCKED = "Inloggningen är tillfälligt spärrad"


def signed_in(client: Any, with_app: bool = False) -> Any:
    user: Any = UserFactory()
    with zeal_ignore():
        client.force_login(user)
        if with_app:
            device = TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return user


def wrong_then_right(client: Any, url: str, wrong: dict[str, str], right: dict[str, str]) -> list[Any]:
    """Five wrong passwords, then the right one: the responses."""
    return [client.post(url, wrong) for _ in range(5)] + [client.post(url, right)]


def test_repeated_wrong_passwords_on_delete_account_end_in_429_and_the_account_stays(client: Any) -> None:
    user = signed_in(client)
    url = reverse("accounts:delete-account")
    responses = wrong_then_right(client, url, {"password": "fel"}, {"password": PASSWORD})
    assert [r.status_code for r in responses] == [400, 400, 400, 400, 429, 429]
    assert LOCKED in responses[-1].content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert not AuditEntry.objects.filter(action="user.deleted").exists()


def test_repeated_wrong_passwords_on_change_password_end_in_429_and_the_password_stays(client: Any) -> None:
    user = signed_in(client)
    url = reverse("accounts:password-change")
    new = {"new_password1": NEW, "new_password2": NEW}
    responses = wrong_then_right(client, url, {"old_password": "fel", **new}, {"old_password": PASSWORD, **new})
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429, 429]
    assert LOCKED in responses[-1].content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD) and not user.check_password(NEW)


def test_repeated_wrong_passwords_on_disconnect_app_end_in_429_and_the_app_stays(client: Any) -> None:
    user = signed_in(client, with_app=True)
    url = reverse("accounts:remove-two-factor")
    responses = wrong_then_right(client, url, {"password": "fel"}, {"password": PASSWORD})
    assert [r.status_code for r in responses] == [400, 400, 400, 400, 429, 429]
    assert LOCKED in responses[-1].content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_the_account_page_checks_spend_the_sign_in_budget(client: Any) -> None:
    user = signed_in(client)
    for _ in range(5):
        client.post(reverse("accounts:delete-account"), {"password": "fel"})
    client.logout()
    sign_in = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert sign_in.status_code == 429
