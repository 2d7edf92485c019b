"""Resetting someone else's authenticator app: only someone of a higher rank may, the person is told, and the
password alone cannot connect a new app afterwards: that needs a link sent to the person's e-mail address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation, TwoFactorReset
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.accounts.tests.factories import UserFactory, current_code, member_of
from krokarm.accounts.views import SETUP_KEY
from krokarm.audit.models import AuditEntry
from krokarm.notifications.models import Notification
from krokarm.outbox.tests.factories import queued

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

ADMIN, EDITOR, MEMBER = Affiliation.Role.ADMIN, Affiliation.Role.EDITOR, Affiliation.Role.MEMBER
ORG = "arbetsformedlingen"
PASSWORD = "a-long-test-password"
SETUP = reverse("accounts:two-factor-setup")
CONFIRM = reverse("accounts:two-factor-confirm")


@pytest.fixture(autouse=True)
def _enforced(settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = True


def with_app(user: Any) -> Any:
    return TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)


def verified(client: Any, user: Any) -> Any:
    """Signed in with the password and the one-time code from the user's app."""
    device = TOTPDevice.objects.filter(user=user).first() or with_app(user)
    with zeal_ignore():
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def coordinator(**values: Any) -> Any:
    with zeal_ignore():
        user: Any = UserFactory(**values)
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def in_org(user: Any, role: str = MEMBER, slug: str = ORG) -> Affiliation:
    from krokarm.actors.models import Actor

    with zeal_ignore():
        return Affiliation.objects.create(user=user, actor=Actor.objects.get(slug=slug), role=role)


def reset_url(affiliation: Affiliation) -> str:
    return reverse("accounts:reset-two-factor", args=[affiliation.actor.slug, affiliation.pk])


def sign_in(client: Any, user: Any) -> Any:
    with zeal_ignore():
        return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD, "next": "/"})


def link_in_mail(user: Any) -> str:
    body = queued(purpose="account.two_factor_link")[-1].body
    assert queued(purpose="account.two_factor_link")[-1].recipients == [user.email]
    match = re.search(r"https?://\S+(/konto/tvastegsverifiering/bekrafta/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.parametrize("victim", ["superuser", "staff", "coordinator"])
def test_a_coordinator_cannot_reset_a_site_admins_a_staff_members_or_another_coordinators_app(
    client: Any, victim: str
) -> None:
    makers: dict[str, Any] = {
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        "staff": lambda: UserFactory(is_staff=True),
        "coordinator": coordinator,
    }
    target = makers[victim]()
    affiliation = in_org(target)
    with_app(target)
    verified(client, coordinator())
    assert client.post(reset_url(affiliation)).status_code == 404
    assert TOTPDevice.objects.filter(user=target).exists()
    assert not AuditEntry.objects.filter(action="user.two_factor_removed").exists()
    assert not TwoFactorReset.objects.exists() and not queued(purpose="account.two_factor_reset")


def test_the_members_page_offers_a_reset_only_for_people_of_lower_rank(client: Any) -> None:
    # An organisation admin who is a coordinator too: sees the members page and ranks as a coordinator.
    viewer = coordinator()
    in_org(viewer, ADMIN)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    editor = member_of(ORG, EDITOR)
    top, low = in_org(superuser), Affiliation.objects.get(user=editor)
    with_app(superuser), with_app(editor)
    verified(client, viewer)
    page = client.get(reverse("accounts:members", args=[ORG])).content.decode()
    assert f'action="{reset_url(low)}"' in page
    assert f'action="{reset_url(top)}"' not in page
    assert client.post(reset_url(top)).status_code == 404
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_an_organisation_admin_cannot_reset_another_admin_nor_anyone_of_higher_rank(client: Any) -> None:
    admin = member_of(ORG, ADMIN)
    fellow_admin = member_of(ORG, ADMIN)
    admin_elsewhere = member_of(ORG, EDITOR)
    in_org(admin_elsewhere, ADMIN, slug="csn")
    the_coordinator = coordinator()
    in_org(the_coordinator)
    staff = UserFactory(is_staff=True)
    in_org(staff)
    targets = [fellow_admin, admin_elsewhere, the_coordinator, staff]
    for target in targets:
        with_app(target)
    verified(client, admin)
    page = client.get(reverse("accounts:members", args=[ORG])).content.decode()
    for affiliation in Affiliation.objects.filter(user__in=targets, actor__slug=ORG).select_related("actor"):
        assert f'action="{reset_url(affiliation)}"' not in page
        assert client.post(reset_url(affiliation)).status_code == 404
    assert TOTPDevice.objects.filter(user__in=targets).count() == len(targets)
    # Nor a member of another organisation, through either organisation's address.
    outsider = member_of("csn", MEMBER)
    with_app(outsider)
    affiliation = Affiliation.objects.get(user=outsider)
    assert client.post(reset_url(affiliation)).status_code == 404
    assert client.post(reset_url(affiliation).replace("csn", ORG)).status_code == 404
    assert TOTPDevice.objects.filter(user=outsider).exists()


def test_a_permitted_reset_is_emailed_and_notified_to_the_person_and_audited(client: Any) -> None:
    admin = member_of(ORG, ADMIN)
    editor = member_of(ORG, EDITOR, email="mona@example.se")
    with_app(editor)
    verified(client, admin)
    response = client.post(reset_url(Affiliation.objects.get(user=editor)))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:members", args=[ORG])
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = AuditEntry.objects.get(action="user.two_factor_removed", target_id=str(editor.pk))
    assert entry.user == admin and entry.organisation is not None and entry.organisation.slug == ORG
    assert not entry.public and entry.changes == {"totp_devices": [1, 0]}
    [mail] = queued(purpose="account.two_factor_reset")
    assert mail.recipients == ["mona@example.se"] and "återställts" in mail.subject
    assert "/konto/losenord/" in mail.body
    [note] = Notification.objects.filter(user=editor)
    assert "tvåstegsverifiering har återställts" in note.text and note.url == reverse("accounts:account")
    assert TwoFactorReset.objects.filter(user=editor).exists()  # the next sign-in needs the e-mailed link


def test_a_site_admin_may_reset_another_site_admins_app(client: Any) -> None:
    other = UserFactory(is_staff=True, is_superuser=True)
    affiliation = in_org(other)
    with_app(other)
    verified(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.post(reset_url(affiliation)).status_code == 302
    assert not TOTPDevice.objects.filter(user=other).exists()


def _reset(victim: Any) -> None:
    from krokarm.accounts import actions

    with zeal_ignore():
        actions.reset_two_factor(victim, by=UserFactory(is_staff=True, is_superuser=True), source="admin")


def test_after_a_reset_the_password_alone_reaches_neither_the_set_up_page_nor_the_admin(client: Any) -> None:
    victim = UserFactory(is_staff=True)
    with_app(victim)
    _reset(victim)
    response = sign_in(client, victim)
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    page = client.get(response["Location"]).content.decode()
    assert f"Vi har skickat en länk till {victim.email}" in page
    assert client.get(SETUP)["Location"].startswith(CONFIRM)
    assert client.get("/admin/")["Location"].startswith(CONFIRM)
    # Even with a key of the attacker's choosing and its code, no app is connected.
    key = random_hex(20)
    session = client.session
    session[SETUP_KEY] = key
    session.save()
    assert client.post(SETUP, {"code": current_code(key)})["Location"].startswith(CONFIRM)
    assert not TOTPDevice.objects.filter(user=victim).exists()


def test_the_emailed_link_opens_the_set_up_once_and_only_in_the_sign_in_it_was_sent_for(client: Any) -> None:
    victim = member_of(ORG, EDITOR)
    with_app(victim)
    _reset(victim)
    sign_in(client, victim)
    link = link_in_mail(victim)
    # Another browser signed in with the same password, and another account, are refused.
    other_browser = Client()
    sign_in(other_browser, victim)
    assert other_browser.post(link).status_code == 410
    someone_else = Client()
    with zeal_ignore():
        someone_else.force_login(member_of(ORG, EDITOR))
    assert someone_else.post(link).status_code == 410
    # The other browser's sign-in sent a new link, for it only; the first one is no longer valid anywhere.
    assert client.post(link).status_code == 410
    assert client.post(link_in_mail(victim)).status_code == 410
    client.post(CONFIRM)  # "Skicka en ny länk" in the first browser
    link = link_in_mail(victim)
    assert client.get(link).status_code == 200  # a mail scanner's GET uses nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == SETUP
    assert AuditEntry.objects.filter(action="user.two_factor_link_opened", target_id=str(victim.pk)).exists()
    assert client.post(link).status_code == 410  # once only
    assert client.get(SETUP).status_code == 200
    key = client.session[SETUP_KEY]
    assert client.post(SETUP, {"code": current_code(key), "next": "/"}).status_code == 302
    assert TOTPDevice.objects.filter(user=victim, confirmed=True).count() == 1
    assert not TwoFactorReset.objects.filter(user=victim).exists()


def test_the_emailed_link_expires(client: Any) -> None:
    victim = member_of(ORG, EDITOR)
    with_app(victim)
    _reset(victim)
    sign_in(client, victim)
    link = link_in_mail(victim)
    TwoFactorReset.objects.filter(user=victim).update(link_expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.post(link).status_code == 410
    assert client.get(SETUP)["Location"].startswith(CONFIRM)
    # A new link can be asked for on the waiting page.
    assert client.post(CONFIRM).status_code == 302
    assert client.post(link_in_mail(victim)).status_code == 302


def test_in_the_admin_nobody_adds_or_edits_an_app_and_staff_cannot_delete_a_site_admins(client: Any) -> None:
    from django.contrib.auth.models import Permission

    staff: Any = UserFactory(is_staff=True)
    with zeal_ignore():
        staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="otp_totp"))
    device = with_app(UserFactory(is_staff=True, is_superuser=True))
    verified(client, staff)
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])).status_code == 403
    assert (
        client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}).status_code == 403
    )
    bulk = {"action": "delete_selected", "_selected_action": [device.pk], "post": "yes"}
    assert client.post(reverse("admin:otp_totp_totpdevice_changelist"), bulk).status_code == 403
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200 and device.key not in page.content.decode()  # viewing shows no key
    assert client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_deleting_an_app_in_the_admin_is_a_reset_the_person_is_told_about(client: Any) -> None:
    superuser = UserFactory(is_staff=True, is_superuser=True)
    editor = member_of(ORG, EDITOR)
    device = with_app(editor)
    verified(client, superuser)
    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = AuditEntry.objects.get(action="user.two_factor_removed", target_id=str(editor.pk))
    assert entry.user == superuser and entry.source == "admin"
    assert len(queued(purpose="account.two_factor_reset")) == 1 and Notification.objects.filter(user=editor).exists()
    assert TwoFactorReset.objects.filter(user=editor).exists()


def test_a_pending_reset_is_in_the_persons_download_without_its_checksums(client: Any, settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = False  # the download itself, not the way back to a new app
    editor = member_of(ORG, EDITOR, email="mona@example.se")
    TwoFactorReset.objects.create(user=editor, reset_at=timezone.now(), token_hash="a" * 64, session_hash="b" * 64)
    client.force_login(editor)

    with zeal_ignore():
        response = client.get(reverse("accounts:personal-data"))

    account = response.json()["konto"]
    assert account["two_factor_reset"]["reset_at"]  # when it was reset is hers to see
    assert "a" * 64 not in response.content.decode() and "b" * 64 not in response.content.decode()
