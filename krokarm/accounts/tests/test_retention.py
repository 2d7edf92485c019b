"""Accounts nobody has signed in to for ACCOUNT_RETENTION_DAYS are deleted by `krokarm purge_personal_data`."""

from __future__ import annotations

import datetime as dt
import logging
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts import actions
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.audit.models import AuditEntry
from krokarm.comments.tests.factories import comment

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def last_seen(user: Any, days_ago: int | None, joined_days_ago: int = 1000) -> Any:
    User.objects.filter(pk=user.pk).update(
        last_login=None if days_ago is None else NOW - dt.timedelta(days=days_ago),
        date_joined=NOW - dt.timedelta(days=joined_days_ago),
    )
    return user


def exists(user: Any) -> bool:
    return User.objects.filter(pk=user.pk).exists()


def test_an_inactive_member_is_deleted_and_an_active_one_kept(settings: Any) -> None:
    settings.ACCOUNT_RETENTION_DAYS = 730
    inactive = last_seen(member_of("arbetsformedlingen"), 731)
    active = last_seen(member_of("arbetsformedlingen"), 729)
    with zeal_ignore():
        written = comment(user=inactive, text="Gammal kommentar")
    assert actions.purge_inactive_accounts(NOW) == (1, 0)
    assert not exists(inactive) and exists(active)
    written.refresh_from_db()
    assert written.author is None
    entry = AuditEntry.objects.get(action="user.deleted", target_id=str(inactive.pk))
    assert entry.source == "job" and entry.user is None and not entry.public


def test_staff_and_site_admins_are_never_purged() -> None:
    staff = last_seen(UserFactory(is_staff=True), 2000)
    admin = last_seen(UserFactory(is_superuser=True), 2000)
    assert actions.purge_inactive_accounts(NOW) == (0, 0)
    assert exists(staff) and exists(admin)


def test_an_account_never_signed_in_to_counts_from_when_it_was_made() -> None:
    old = last_seen(UserFactory(), None, joined_days_ago=800)
    new = last_seen(UserFactory(), None, joined_days_ago=10)
    assert actions.purge_inactive_accounts(NOW) == (1, 0)
    assert not exists(old) and exists(new)


def test_the_last_admin_of_an_organisation_is_kept_with_a_warning(caplog: Any) -> None:
    admin = last_seen(member_of("arbetsformedlingen", Affiliation.Role.ADMIN), 1000)
    with caplog.at_level(logging.WARNING, logger="krokarm.accounts.actions"):
        assert actions.purge_inactive_accounts(NOW) == (0, 1)
    assert exists(admin)
    assert f"Account {admin.pk} has not signed in for 730 days" in caplog.text and "arbetsformedlingen" in caplog.text


def test_the_daily_command_deletes_inactive_accounts_and_says_so(settings: Any) -> None:
    settings.ACCOUNT_RETENTION_DAYS = 365
    inactive = last_seen(UserFactory(), 400)
    last_seen(member_of("csn", Affiliation.Role.ADMIN), 400)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Accounts: 1 account(s) not signed in to for 365 days deleted." in out.getvalue()
    assert "1 inactive account(s) kept as the last administrator" in out.getvalue()
    assert not exists(inactive)


def test_many_inactive_accounts_go_in_one_run() -> None:
    users = [last_seen(member_of("arbetsformedlingen"), 800) for _n in range(3)]
    with zeal_ignore():
        for user in users:
            comment(user=user, text="Hej")
    assert actions.purge_inactive_accounts(NOW) == (3, 0)
    assert not User.objects.filter(pk__in=[u.pk for u in users]).exists()


def test_a_purged_account_leaves_nothing_in_the_sign_in_log_nor_in_others_notifications(client: Any) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]

    from krokarm.notifications.models import Notification

    gone = member_of("arbetsformedlingen", username="gunnar@example.se", email="gunnar@example.se")
    gone.first_name, gone.last_name = "Gunnar", "Gammal"
    gone.save()
    stays = member_of("arbetsformedlingen", username="stina@example.se", email="stina@example.se")
    for name in ("Gunnar@Example.se", "stina@example.se"):
        client.post(reverse("accounts:login"), {"username": name, "password": "fel"}, HTTP_USER_AGENT="Webbläsare/2")
    with zeal_ignore():
        comment(user=stays, text="Stinas fråga")  # Stina follows the thread
        comment(user=gone, text="Gunnars gamla svar")
    assert Notification.objects.filter(user=stays, text__contains="Gunnar Gammal").exists()
    last_seen(gone, 800)
    assert actions.purge_inactive_accounts(NOW) == (1, 0)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert not model.objects.filter(username__icontains="gunnar").exists(), model.__name__
    assert not Notification.objects.filter(text__contains="Gunnar").exists()
    # Kept: Stina's own failed sign-in (her name, the address and the browser) and her account.
    assert AccessAttempt.objects.filter(username="stina@example.se", user_agent="Webbläsare/2").exists()
    assert exists(stays)
