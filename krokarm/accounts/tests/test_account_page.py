"""The user's own account page: who they are, where they work, the password, the authenticator app, and the
organisation admin's reset of a member's app."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN, EDITOR, MEMBER = Affiliation.Role.ADMIN, Affiliation.Role.EDITOR, Affiliation.Role.MEMBER
PASSWORD = "a-long-test-password"
ACCOUNT = reverse("accounts:account")
REMOVE_APP = reverse("accounts:remove-two-factor")


def login(client: Any, user: Any, device: Any = None) -> Any:
    """Sign in; with `device`, as if the one-time code from it had been given too."""
    with zeal_ignore():
        client.force_login(user)
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def with_app(user: Any) -> Any:
    return TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)


def reset_url(user: Any, slug: str = "arbetsformedlingen") -> str:
    with zeal_ignore():  # tests ask for several members' addresses on purpose
        affiliation = Affiliation.objects.get(user=user)
    return reverse("accounts:reset-two-factor", args=[slug, affiliation.pk])


@pytest.mark.parametrize(
    "name",
    ["account", "password-change", "password-change-done", "personal-data", "delete-account", "remove-two-factor"],
)
def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any, name: str) -> None:
    url = reverse(f"accounts:{name}")
    response = client.post(url) if name == "remove-two-factor" else client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_page_shows_who_i_am_where_i_work_and_what_i_can_do(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    user = member_of("arbetsformedlingen", ADMIN, first_name="Ada", last_name="Admin", email="ada@example.se")
    with zeal_ignore():
        Affiliation.objects.create(user=user, actor_id=_actor_id("csn"), role=MEMBER)
    with_app(user)
    login(client, user)
    # The session, the user, the header's roles and the page's own two: affiliations and apps (the layout
    # may ask a few more for its header).
    with django_assert_max_num_queries(10):
        response = client.get(ACCOUNT)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mitt konto" in text and "Ada Admin" in text and "ada@example.se" in text and user.username in text
    assert "Arbetsförmedlingen" in text and "Organisationsadministratör" in text and "Medlem" in text
    assert 'href="/organisation/arbetsformedlingen/medlemmar/"' in text
    assert "Påslagen" in text and "Koppla bort appen" in text
    for href in ("/konto/losenord/byt/", "/konto/mina-uppgifter/", "/konto/radera/"):
        assert f'href="{href}"' in text
    assert 'href="/konto/aviseringar/"' in text and 'href="/konto/api-nycklar/"' in text


def test_the_query_count_does_not_grow_with_organisations_or_apps(
    client: Any, django_assert_num_queries: Any, several_requests: Any
) -> None:
    user = member_of("arbetsformedlingen")
    with_app(user)
    login(client, user)
    with CaptureQueriesContext(connection) as one_of_each:
        assert client.get(ACCOUNT).status_code == 200
    with zeal_ignore():
        for slug in ("csn", "myh", "skolverket"):
            Affiliation.objects.create(user=user, actor_id=_actor_id(slug), role=MEMBER)
        with_app(user)
    with django_assert_num_queries(len(one_of_each)):
        response = client.get(ACCOUNT)
    assert response.content.decode().count('<tr><th scope="row">') == 4 + 2


def test_without_an_organisation_or_an_app_the_page_says_so(client: Any) -> None:
    login(client, UserFactory())
    text = client.get(ACCOUNT).content.decode()
    assert "Du arbetar inte för någon organisation" in text
    assert "Inte påslagen" in text and 'href="/konto/tvastegsverifiering/?next=/konto/"' in text


def test_the_account_page_takes_only_get_and_the_removal_only_post(client: Any) -> None:
    login(client, UserFactory())
    assert client.post(ACCOUNT).status_code == 405
    assert client.get(REMOVE_APP).status_code == 405


def test_changing_the_password_keeps_me_signed_in_and_is_audited(client: Any, several_requests: Any) -> None:
    user: Any = UserFactory()
    login(client, user)
    page = client.get(reverse("accounts:password-change"))
    assert page.status_code == 200 and "Nuvarande lösenord" in page.content.decode()
    new = "ett-helt-nytt-och-langt-losenord"
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-change-done")
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEntry.objects.filter(action="user.password_set", target_id=str(user.pk), user=user).exists()
    assert client.get(ACCOUNT).status_code == 200


def test_a_wrong_current_password_changes_nothing(client: Any) -> None:
    user: Any = UserFactory()
    login(client, user)
    new = "ett-helt-nytt-och-langt-losenord"
    response = client.post(
        reverse("accounts:password-change"), {"old_password": "fel", "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200 and "Lösenordet stämmer inte" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_removing_my_app_needs_my_password(client: Any) -> None:
    user: Any = UserFactory()
    device = with_app(user)
    login(client, user, device)
    response = client.post(REMOVE_APP, {"password": "fel-lösenord"})
    assert response.status_code == 400 and "Lösenordet stämmer inte" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    assert not AuditEntry.objects.filter(action="user.two_factor_removed").exists()


def test_an_account_without_a_password_cannot_remove_its_app_by_typing_its_e_mail_address(
    client: Any, settings: Any
) -> None:
    settings.OIDC_ENABLED = True
    user: Any = UserFactory(email="sso@region.se")
    user.set_unusable_password()
    user.save()
    device = with_app(user)
    login(client, user, device)
    assert 'name="password"' not in client.get(ACCOUNT).content.decode()
    response = client.post(REMOVE_APP, {"password": "sso@region.se"})
    assert response.status_code == 400 and "igen för att bekräfta att det är du" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_after_removing_the_app_an_editor_must_connect_a_new_one(
    client: Any, settings: Any, several_requests: Any
) -> None:
    settings.REQUIRE_TWO_FACTOR = True
    editor = member_of("arbetsformedlingen", EDITOR)
    device = with_app(editor)
    login(client, editor, device)
    assert client.get(ACCOUNT).status_code == 200
    response = client.post(REMOVE_APP, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = AuditEntry.objects.get(action="user.two_factor_removed", target_id=str(editor.pk))
    assert entry.user == editor and not entry.public and entry.changes == {"totp_devices": [1, 0]}
    setup = reverse("accounts:two-factor-setup")
    assert client.get(ACCOUNT)["Location"] == f"{setup}?next=%2Fkonto%2F"


def test_the_app_cannot_be_removed_before_the_one_time_code_is_given(
    client: Any, settings: Any, several_requests: Any
) -> None:
    settings.REQUIRE_TWO_FACTOR = True
    user: Any = UserFactory()
    with_app(user)
    login(client, user)  # password only
    response = client.post(REMOVE_APP, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two-factor-verify")
    assert TOTPDevice.objects.filter(user=user).exists()


def test_an_organisation_admin_resets_a_members_app(client: Any, several_requests: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    member = member_of("arbetsformedlingen", EDITOR, first_name="Mona")
    with_app(member)
    login(client, admin)
    members_page = client.get(reverse("accounts:members", args=["arbetsformedlingen"])).content.decode()
    assert "Återställ tvåstegsverifiering" in members_page and f'action="{reset_url(member)}"' in members_page
    assert f'action="{reset_url(admin)}"' not in members_page  # the admin has no app to reset
    response = client.post(reset_url(member), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:members", args=["arbetsformedlingen"])
    assert "Tvåstegsverifieringen för Mona är återställd" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member).exists()
    entry = AuditEntry.objects.get(action="user.two_factor_removed", target_id=str(member.pk))
    assert entry.user == admin and entry.organisation is not None and entry.organisation.slug == "arbetsformedlingen"
    assert not entry.public


def test_another_organisations_admin_cannot_reset_a_members_app(client: Any) -> None:
    member = member_of("arbetsformedlingen", EDITOR)
    with_app(member)
    login(client, member_of("csn", ADMIN))
    assert client.post(reset_url(member)).status_code == 404
    # Nor through their own organisation's address.
    assert client.post(reset_url(member).replace("arbetsformedlingen", "csn")).status_code == 404
    assert TOTPDevice.objects.filter(user=member).exists()


def test_a_member_who_is_not_an_admin_cannot_reset_anyone(client: Any) -> None:
    member = member_of("arbetsformedlingen", EDITOR)
    with_app(member)
    login(client, member_of("arbetsformedlingen", MEMBER))
    assert client.post(reset_url(member)).status_code == 404
    assert client.get(reset_url(member)).status_code == 405
    assert TOTPDevice.objects.filter(user=member).exists()


def test_a_coordinator_can_reset_a_members_app(client: Any) -> None:
    member_of("arbetsformedlingen", ADMIN)  # the organisation has its own administrator
    member = member_of("arbetsformedlingen", EDITOR)
    with_app(member)
    login(client, UserFactory(is_staff=True))
    response = client.post(reset_url(member))
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_a_coordinator_who_manages_an_organisation_without_an_administrator_goes_back_to_its_members(
    client: Any,
) -> None:
    """Until an organisation has an administrator, coordinators manage its members (they invite its first people),
    so they return to its members page."""
    member = member_of("arbetsformedlingen", EDITOR)
    with_app(member)
    login(client, UserFactory(is_staff=True))
    response = client.post(reset_url(member))
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:members", args=["arbetsformedlingen"]
    )
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_resetting_a_member_without_an_app_says_so(client: Any) -> None:
    member = member_of("arbetsformedlingen", EDITOR)
    login(client, member_of("arbetsformedlingen", ADMIN))
    with zeal_ignore():
        response = client.post(reset_url(member), follow=True)
    assert "Det finns ingen app för engångskoder att koppla bort." in response.content.decode()
    assert not AuditEntry.objects.filter(action="user.two_factor_removed").exists()


def _actor_id(slug: str) -> int:
    from krokarm.actors.models import Actor

    return Actor.objects.values_list("pk", flat=True).get(slug=slug)
