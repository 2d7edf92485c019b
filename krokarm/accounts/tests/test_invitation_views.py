"""Organisation admins invite people by e-mail; the invitee sets a name and password and joins in the role."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation, Invitation, User
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.audit.models import AuditEntry
from krokarm.outbox.tests.factories import deliver, queued

pytestmark = pytest.mark.django_db

ADMIN = Affiliation.Role.ADMIN
INVITE_URL = reverse("accounts:invite", args=["arbetsformedlingen"])


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def logout(client: Any) -> None:
    with zeal_ignore():
        client.logout()


def invite(client: Any, email: str = "ny@example.se", role: str = "redaktor") -> str:
    """Invite as an admin of Arbetsförmedlingen; return the link's path from the e-mail, once the worker sent it."""
    login(client, member_of("arbetsformedlingen", ADMIN))
    response = client.post(INVITE_URL, {"email": email, "role": role})
    assert response.status_code == 302
    logout(client)
    assert [m.recipients for m in queued(purpose="account.invitation")][-1] == [email]
    deliver()
    found = re.search(r"https?://[^/\s]+(/konto/inbjudan/\S+/)", str(mail.outbox[-1].body))
    assert found
    return found.group(1)


def test_an_invitee_sets_name_and_password_and_joins_in_the_role(client: Any) -> None:
    link = invite(client)
    assert mail.outbox[0].to == ["ny@example.se"]
    assert mail.outbox[0].subject == "Du är inbjuden till Arbetsförmedlingen i krokarm"
    invitation = Invitation.objects.get()
    assert invitation.token_hash not in link and len(invitation.token_hash) == 64
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=1)
    assert "Skapa ditt konto" in client.get(link).content.decode()
    password = "mitt-eget-långa-lösenord"
    data = {"first_name": "Nora", "last_name": "Ny", "password1": password, "password2": password}
    response = client.post(link, data)
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.se")
    assert user.check_password(password) and client.session["_auth_user_id"] == str(user.pk)
    assert user.affiliations.get().role == Affiliation.Role.EDITOR
    actions = set(AuditEntry.objects.filter(public=False).values_list("action", flat=True))
    assert {"invitation.sent", "user.created", "invitation.accepted", "affiliation.saved"} <= actions


def test_a_used_link_is_refused(client: Any) -> None:
    link = invite(client)
    password = "mitt-eget-långa-lösenord"
    client.post(link, {"first_name": "Nora", "last_name": "Ny", "password1": password, "password2": password})
    logout(client)
    response = client.get(link)
    assert response.status_code == 410 and "Inbjudan gäller inte" in response.content.decode()


def test_an_expired_or_unknown_link_is_refused(client: Any) -> None:
    link = invite(client)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link).status_code == 410
    assert client.post(link, {"first_name": "A", "last_name": "B"}).status_code == 410
    assert client.get(reverse("accounts:invitation", args=["finns-inte"])).status_code == 404
    assert not User.objects.filter(email="ny@example.se").exists()


def test_an_invitee_signed_in_with_the_address_just_accepts(client: Any) -> None:
    existing = member_of("csn", email="ny@example.se")
    link = invite(client)
    assert "Logga in, så kan du tacka ja" in client.get(link).content.decode()
    login(client, existing)
    response = client.post(link)
    assert response.status_code == 302
    assert set(existing.affiliations.values_list("actor__slug", flat=True)) == {"csn", "arbetsformedlingen"}


def test_someone_signed_in_with_another_address_cannot_accept(client: Any) -> None:
    link = invite(client)
    other = login(client, UserFactory(email="annan@example.se"))
    response = other.post(link)
    assert response.status_code == 200 and "en annan e-postadress" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_a_password_that_is_too_short_is_explained(client: Any) -> None:
    link = invite(client)
    response = client.post(link, {"first_name": "Nora", "last_name": "Ny", "password1": "kort", "password2": "kort"})
    assert response.status_code == 400 and "Något behöver rättas" in response.content.decode()
    assert not User.objects.filter(email="ny@example.se").exists()


def test_a_member_who_is_not_admin_cannot_invite(client: Any) -> None:
    login(client, member_of("arbetsformedlingen", Affiliation.Role.EDITOR))
    assert client.post(INVITE_URL, {"email": "ny@example.se", "role": "medlem"}).status_code == 403
    assert client.get(reverse("accounts:members", args=["arbetsformedlingen"])).status_code == 403
    assert not Invitation.objects.exists()


def test_an_admin_of_another_actor_cannot_invite(client: Any) -> None:
    login(client, member_of("csn", ADMIN))
    assert client.post(INVITE_URL, {"email": "ny@example.se", "role": "medlem"}).status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_takes_a_post(client: Any) -> None:
    login(client, member_of("arbetsformedlingen", ADMIN))
    assert client.get(INVITE_URL).status_code == 405


def test_inviting_the_same_address_twice_points_to_the_list(client: Any) -> None:
    invite(client)
    login(client, member_of("arbetsformedlingen", ADMIN))
    response = client.post(INVITE_URL, {"email": "NY@example.se", "role": "medlem"})
    assert response.status_code == 400 and "Det finns redan en inbjudan" in response.content.decode()


def test_resending_makes_a_new_link_and_the_old_one_stops_working(client: Any) -> None:
    old = invite(client)
    login(client, member_of("arbetsformedlingen", ADMIN))
    invitation = Invitation.objects.get()
    client.post(reverse("accounts:resend", args=["arbetsformedlingen", invitation.pk]))
    assert len(queued(purpose="account.invitation")) == 1 and len(mail.outbox) == 1  # queued, not yet sent
    deliver()
    assert len(mail.outbox) == 2
    logout(client)
    assert client.get(old).status_code == 404
    new = re.search(r"(/konto/inbjudan/\S+/)", str(mail.outbox[-1].body))
    assert new and client.get(new.group(1)).status_code == 200


def test_withdrawing_deletes_the_invitation_and_is_audited(client: Any) -> None:
    link = invite(client)
    admin = login(client, member_of("arbetsformedlingen", ADMIN))
    invitation = Invitation.objects.get()
    response = admin.post(reverse("accounts:withdraw", args=["arbetsformedlingen", invitation.pk]))
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert AuditEntry.objects.filter(action="invitation.withdrawn", public=False).exists()
    logout(client)
    assert client.get(link).status_code == 404
