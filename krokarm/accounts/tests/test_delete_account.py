"""'Radera mitt konto': the account and its personal data go; comments and the log stay without the person."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts import actions
from krokarm.accounts.models import Affiliation, Invitation, User
from krokarm.accounts.oidc import SIGNED_IN_WITH_PROVIDER_AT
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.actors.models import Actor
from krokarm.audit.models import AuditEntry
from krokarm.comments.models import Comment
from krokarm.comments.tests.factories import THREAD_URL, comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

ADMIN, MEMBER = Affiliation.Role.ADMIN, Affiliation.Role.MEMBER
PASSWORD = "a-long-test-password"
DELETE = reverse("accounts:delete-account")


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def test_the_page_explains_what_happens_in_plain_swedish(client: Any) -> None:
    login(client, UserFactory())
    response = client.get(DELETE)
    text = response.content.decode()
    assert response.status_code == 200 and "<h1>Radera mitt konto</h1>" in text
    assert "Borttagen användare" in text and "Ändringsloggen behåller att en ändring gjordes" in text
    assert "Ärenden du har hanterat finns kvar hos organisationen" in text
    assert 'name="password"' in text and 'autocomplete="current-password"' in text


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    for response in (client.get(DELETE), client.post(DELETE, {"password": PASSWORD})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_wrong_password_deletes_nothing(client: Any) -> None:
    user: Any = UserFactory()
    login(client, user)
    response = client.post(DELETE, {"password": "inte-mitt-losenord"})
    assert response.status_code == 400 and "Lösenordet stämmer inte." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert not AuditEntry.objects.filter(action="user.deleted").exists()
    assert client.post(DELETE, {}).status_code == 400


def test_deleting_removes_the_account_signs_out_and_keeps_comments_by_a_deleted_user(client: Any) -> None:
    user = member_of("arbetsformedlingen", MEMBER, first_name="Dora", last_name="Delete", email="dora@example.se")
    TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)
    with zeal_ignore():
        written = comment(user=user, text="En kommentar som ska finnas kvar")
    pk = user.pk
    login(client, user)
    response = client.post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [(reverse("home:start"), 302)]
    assert "Ditt konto och dina personuppgifter är raderade." in response.content.decode()
    assert not User.objects.filter(pk=pk).exists()
    assert not Affiliation.objects.filter(user_id=pk).exists() and not TOTPDevice.objects.filter(user_id=pk).exists()
    written.refresh_from_db()
    assert written.author is None and written.text == "En kommentar som ska finnas kvar"
    thread = client.get(THREAD_URL).content.decode()
    assert "En kommentar som ska finnas kvar" in thread and "Borttagen användare" in thread
    assert "Dora Delete" not in thread
    # Signed out: the account page asks to sign in.
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:login"))


def test_the_log_keeps_the_changes_but_not_the_person(client: Any) -> None:
    user = actions.create_user(email="dora@example.se", password=PASSWORD, first_name="Dora", source="test")
    with zeal_ignore():
        actor = Actor.objects.get(slug="arbetsformedlingen")
        actions.affiliate(user, actor, ADMIN, source="test")
        member_of("arbetsformedlingen", ADMIN)  # so that Dora is not the last admin
        invitation = actions.invite(actor, "gast@example.se", MEMBER, by=user)
    pk = user.pk
    login(client, user)
    client.post(DELETE, {"password": PASSWORD})
    assert not AuditEntry.objects.filter(user_id=pk).exists()
    assert AuditEntry.objects.filter(action="invitation.sent", target_id=str(invitation.pk), user=None).exists()
    assert not AuditEntry.objects.filter(target_repr__icontains="dora@example.se").exists()
    assert not AuditEntry.objects.filter(changes__icontains="dora@example.se").exists()
    created = AuditEntry.objects.get(action="user.created", target_id=str(pk))
    assert created.changes == {"email": [None, actions.DELETED_USER]}
    deleted = AuditEntry.objects.get(action="user.deleted", target_id=str(pk))
    assert deleted.user is None and not deleted.public and deleted.target_repr == "Ett konto raderades"
    # The invitation Dora sent stays with the organisation, without her.
    invitation.refresh_from_db()
    assert invitation.invited_by is None


def test_the_last_admin_of_an_organisation_is_refused(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    login(client, admin)
    page = client.get(DELETE).content.decode()
    assert "Utse en ny administratör först" in page and 'href="/organisation/arbetsformedlingen/medlemmar/"' in page
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 409
    assert "Du är den enda administratören för Arbetsförmedlingen" in response.content.decode()
    assert User.objects.filter(pk=admin.pk).exists() and admin.affiliations.exists()
    assert not AuditEntry.objects.filter(action="user.deleted").exists()


def test_an_admin_who_is_not_the_last_may_go(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    member_of("arbetsformedlingen", ADMIN)
    login(client, admin)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()


def test_an_accepted_invitation_to_the_address_goes_too(client: Any) -> None:
    with zeal_ignore():
        inviter = member_of("arbetsformedlingen", ADMIN)
        invitation = actions.invite(Actor.objects.get(slug="arbetsformedlingen"), "ny@example.se", MEMBER, by=inviter)
        user, _affiliation = actions.register_from_invitation(
            invitation, first_name="Ny", last_name="Person", password=PASSWORD
        )
    login(client, user)
    client.post(DELETE, {"password": PASSWORD})
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert not AuditEntry.objects.filter(target_repr__icontains="ny@example.se").exists()


def test_every_reference_to_a_user_lets_the_row_go() -> None:
    """A new foreign key to the user model must say what happens when an account is deleted."""
    from django.apps import apps
    from django.db import models

    allowed = {models.CASCADE, models.SET_NULL}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "many_to_one", False) and field.concrete and field.related_model is User:
                on_delete = field.remote_field.on_delete
                assert on_delete in allowed, f"{model._meta.label}.{field.name}"
    assert Comment._meta.get_field("author").remote_field.on_delete is models.SET_NULL


def sso_only(client: Any, signed_in_with_provider_ago: float | None = None) -> Any:
    """An account without a password, signed in; with a time, as if the provider confirmed it that long ago."""
    user = UserFactory.create(email="sso@region.se")
    user.set_unusable_password()
    user.save()
    login(client, user)
    if signed_in_with_provider_ago is not None:
        session = client.session
        session[SIGNED_IN_WITH_PROVIDER_AT] = time.time() - signed_in_with_provider_ago
        session.save()
    return user


def test_an_account_without_a_password_cannot_delete_itself_by_typing_its_e_mail_address(
    client: Any, settings: Any
) -> None:
    settings.OIDC_ENABLED, settings.OIDC_PROVIDER_NAME = True, "Freja eID"
    user = sso_only(client)
    page = client.get(DELETE).content.decode()
    assert "Logga in med Freja eID igen" in page and 'name="password"' not in page
    assert f'href="{reverse("accounts:oidc-start")}?next=/konto/radera/"' in page
    for typed in ("sso@region.se", "SSO@region.se", ""):
        response = client.post(DELETE, {"password": typed})
        assert response.status_code == 400
        assert "Logga in med Freja eID igen för att bekräfta att det är du." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_an_account_without_a_password_confirms_by_a_sign_in_with_the_provider_minutes_ago(
    client: Any, settings: Any
) -> None:
    settings.OIDC_ENABLED = True
    user = sso_only(client, signed_in_with_provider_ago=60)
    assert "Du har nyss loggat in med" in client.get(DELETE).content.decode()
    assert client.post(DELETE, {}).status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_sign_in_with_the_provider_more_than_five_minutes_ago_is_not_enough(client: Any, settings: Any) -> None:
    settings.OIDC_ENABLED = True
    user = sso_only(client, signed_in_with_provider_ago=6 * 60)
    assert client.post(DELETE, {}).status_code == 400
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_a_user_in_the_admin_also_takes_them_out_of_the_log(rf: Any) -> None:
    from django.contrib import admin as django_admin

    user = UserFactory.create(username="adam.admin", first_name="Adam", last_name="Admin", email="adam@af.se")
    with zeal_ignore():
        actions.set_password(user, "ett-nytt-langt-losenord", source="test")  # an audit row about the account
        row = AuditEntry.objects.get(target_type="accounts.user", target_id=str(user.pk))
        assert "adam" in row.target_repr.lower()
        django_admin.site._registry[User].delete_queryset(rf.post("/admin/"), User.objects.filter(pk=user.pk))
    assert not User.objects.filter(pk=user.pk).exists()
    row.refresh_from_db()
    assert "adam" not in row.target_repr.lower() and "Borttagen användare" in row.target_repr


ADDRESS, BROWSER = "198.51.100.23", "DorasWebbläsare/1.0"


def sign_in_traces(user: Any, client_class: Any) -> Any:
    """`user` signs in on a second device (a sign-in log row and a session), then mistypes the password twice on a
    third (attempts and failures), all from ADDRESS with BROWSER. Returns the second device's client."""
    device = client_class(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=BROWSER)
    signed_in = device.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    mistyping = client_class(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=BROWSER)
    for _attempt in range(2):
        mistyping.post(reverse("accounts:login"), {"username": user.email.upper(), "password": "fel"})
    return device


def sign_in_rows() -> list[Any]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]

    return [*AccessAttempt.objects.all(), *AccessFailureLog.objects.all(), *AccessLog.objects.all()]


def test_deleting_leaves_nothing_of_the_person_in_the_sign_in_log_or_the_sessions(client: Any, settings: Any) -> None:
    from django.contrib.sessions.models import Session
    from django.test import Client

    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True  # off by default; an operator may turn it on
    dora = member_of("arbetsformedlingen", MEMBER, username="dora@example.se", email="dora@example.se")
    other = member_of("arbetsformedlingen", MEMBER, username="olle@example.se", email="olle@example.se")
    elsewhere = sign_in_traces(dora, Client)
    sign_in_traces(other, Client)
    before = {(type(row).__name__, row.username) for row in sign_in_rows()}
    models = ("AccessAttempt", "AccessFailureLog", "AccessLog")
    assert before == {(model, name) for model in models for name in ("dora@example.se", "olle@example.se")}
    login(client, dora)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    rows = sign_in_rows()
    assert rows and not [row for row in rows if "dora" in (row.username or "").lower()]
    # Kept: the other person's sign-ins, from the same address with the same browser.
    assert {row.username for row in rows} == {"olle@example.se"}
    assert all(row.ip_address == ADDRESS and row.user_agent == BROWSER for row in rows)
    # Dora's session on her other device is gone (signed out there too); Olle's stays.
    sessions = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert str(dora.pk) not in sessions and str(other.pk) in sessions
    assert elsewhere.get(reverse("accounts:account")).status_code == 302


def test_others_notifications_about_the_persons_comments_go_with_the_account(client: Any) -> None:
    from krokarm.notifications.models import Notification

    with zeal_ignore():
        follower = UserFactory.create(first_name="Erik", last_name="Följare")
        comment(user=follower, text="Eriks egen kommentar")  # Erik now follows the thread
        dora = member_of("arbetsformedlingen", MEMBER, first_name="Dora", last_name="Delete")
        comment(user=dora, text="Doras hemliga tankar")
        other = UserFactory.create(first_name="Olle", last_name="Annan")
        comment(user=other, text="Olles kommentar")
    texts = list(Notification.objects.filter(user=follower).values_list("text", flat=True))
    assert any("Dora Delete" in text and "Doras hemliga tankar" in text for text in texts)
    login(client, dora)
    client.post(DELETE, {"password": PASSWORD})
    left = list(Notification.objects.values_list("text", flat=True))
    assert not [text for text in left if "Dora" in text or "hemliga tankar" in text]
    # Kept: Erik's notification about Olle's comment, and the comment itself (shown as by "Borttagen användare").
    assert any("Olle Annan" in text and "Olles kommentar" in text for text in left)
    assert Comment.objects.filter(text="Doras hemliga tankar", author=None).exists()
