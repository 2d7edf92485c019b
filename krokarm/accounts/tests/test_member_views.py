"""An organisation's admins see its members, change their roles and remove them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN, EDITOR, MEMBER = Affiliation.Role.ADMIN, Affiliation.Role.EDITOR, Affiliation.Role.MEMBER
MEMBERS_URL = reverse("accounts:members", args=["arbetsformedlingen"])


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def test_the_admin_sees_the_members_with_their_roles(client: Any, django_assert_max_num_queries: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN, first_name="Ada", last_name="Admin")
    for n in range(3):
        member_of("arbetsformedlingen", EDITOR, first_name=f"Redaktör{n}")
    login(client, admin)
    with django_assert_max_num_queries(12):
        response = client.get(MEMBERS_URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Medlemmar i Arbetsförmedlingen" in text and "Ada Admin" in text and "Redaktör2" in text
    assert "Inga inbjudningar väntar på svar." in text


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    response = client.get(MEMBERS_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_no_access_for_members_who_are_not_admins_nor_for_admins_of_other_actors(client: Any) -> None:
    assert login(client, member_of("arbetsformedlingen", EDITOR)).get(MEMBERS_URL).status_code == 403
    assert login(client, member_of("csn", ADMIN)).get(MEMBERS_URL).status_code == 403
    assert login(client, UserFactory()).get(MEMBERS_URL).status_code == 403


def test_an_unknown_actor_is_not_found(client: Any) -> None:
    login(client, member_of("arbetsformedlingen", ADMIN))
    assert client.get(reverse("accounts:members", args=["finns-inte"])).status_code == 404


def test_the_members_page_takes_a_get_and_changes_take_a_post(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    login(client, admin)
    pk = admin.affiliations.get().pk
    assert client.post(MEMBERS_URL).status_code == 405
    assert client.get(reverse("accounts:change-role", args=["arbetsformedlingen", pk])).status_code == 405
    assert client.get(reverse("accounts:remove-member", args=["arbetsformedlingen", pk])).status_code == 405


def test_a_role_change_is_saved_and_audited(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    member = member_of("arbetsformedlingen", MEMBER)
    affiliation = member.affiliations.get()
    login(client, admin)
    response = client.post(
        reverse("accounts:change-role", args=["arbetsformedlingen", affiliation.pk]), {"role": EDITOR}
    )
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.role == EDITOR
    entry = AuditEntry.objects.get(action="affiliation.saved", target_id=str(affiliation.pk))
    assert entry.changes == {"role": [MEMBER, EDITOR]} and entry.user == admin and not entry.public


def test_a_removal_is_audited(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    member = member_of("arbetsformedlingen", MEMBER)
    affiliation = member.affiliations.get()
    login(client, admin)
    response = client.post(reverse("accounts:remove-member", args=["arbetsformedlingen", affiliation.pk]))
    assert response.status_code == 302
    assert not member.affiliations.exists()
    entry = AuditEntry.objects.get(action="affiliation.deleted", target_id=str(affiliation.pk))
    assert entry.changes == {"role": [MEMBER, None]} and entry.user == admin


def test_the_last_admin_can_neither_leave_nor_step_down(client: Any) -> None:
    admin = member_of("arbetsformedlingen", ADMIN)
    own = admin.affiliations.get()
    login(client, admin)
    client.post(reverse("accounts:remove-member", args=["arbetsformedlingen", own.pk]))
    response = client.post(
        reverse("accounts:change-role", args=["arbetsformedlingen", own.pk]), {"role": MEMBER}, follow=True
    )
    assert "Organisationen behöver minst en administratör" in response.content.decode()
    own.refresh_from_db()
    assert own.role == ADMIN


def test_a_member_of_another_actor_cannot_be_changed_through_this_page(client: Any) -> None:
    login(client, member_of("arbetsformedlingen", ADMIN))
    other = member_of("csn", MEMBER).affiliations.get()
    url = reverse("accounts:change-role", args=["arbetsformedlingen", other.pk])
    assert client.post(url, {"role": ADMIN}).status_code == 404
