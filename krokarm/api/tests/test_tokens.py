"""API tokens: the account page (list one's own, create with the key shown once, revoke), how keys are kept
(hashed), when they work (not expired, not revoked, active user) and how often their use is noted."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from krokarm.accounts.personal_data import export
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.tests.personas import login, person_at
from krokarm.api import actions
from krokarm.api.models import ApiToken
from krokarm.api.permissions import token_for_key
from krokarm.api.tests.helpers import AF, bearer, key_for, send
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PAGE = "/konto/api-nycklar/"


@pytest.fixture
def user() -> Any:
    return UserFactory()


def create_on_page(client: Client, name: str = "Uppdateringsskript", days: int = 90) -> Any:
    return client.post(PAGE, {"name": name, "days": days})


def test_the_page_has_its_address() -> None:
    assert reverse("apitokens:list") == PAGE
    assert reverse("apitokens:revoke", args=[7]) == "/konto/api-nycklar/7/aterkalla/"


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Client) -> None:
    for response in (client.get(PAGE), create_on_page(client), client.post(reverse("apitokens:revoke", args=[1]))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not ApiToken.objects.exists()


def test_a_new_key_is_shown_once_and_only_its_hash_is_stored(client: Client, user: Any) -> None:
    login(client, user)
    response = create_on_page(client)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    key = response.context["created"].key
    assert key.startswith("krk_") and len(key) == 4 + 43
    assert key in response.text and "Den visas bara den här gången" in response.text
    assert response["Cache-Control"].startswith("max-age=0")
    assert token.token_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:12] and token.name == "Uppdateringsskript"
    stored = [str(value) for value in ApiToken.objects.values().get(pk=token.pk).values()]
    assert not any(key[12:] in value for value in stored)
    assert abs(token.expires_at - timezone.now() - timedelta(days=90)) < timedelta(minutes=1)
    again = client.get(PAGE)
    assert key not in again.text and token.prefix in again.text


def test_creating_and_revoking_leave_private_audit_rows_without_the_key(client: Client, user: Any) -> None:
    login(client, user)
    key = create_on_page(client).context["created"].key
    token = ApiToken.objects.get(user=user)
    client.post(reverse("apitokens:revoke", args=[token.pk]))
    entries = list(AuditEntry.objects.filter(target_type="api.apitoken").order_by("id"))
    assert [(e.action, e.source, e.user_id, e.public) for e in entries] == [
        ("api_token.created", "web", user.pk, False),
        ("api_token.revoked", "web", user.pk, False),
    ]
    assert all(key[12:] not in str(e.changes) + e.target_repr for e in entries)


def test_a_name_is_required_and_the_validity_must_be_offered(client: Client, user: Any) -> None:
    login(client, user)
    response = client.post(PAGE, {"name": " ", "days": 1000})
    assert response.status_code == 400
    assert "Ge nyckeln ett namn." in response.text and "Välj en giltighetstid i listan." in response.text
    assert not ApiToken.objects.exists()


def test_the_validity_is_a_year_unless_chosen_otherwise(user: Any) -> None:
    token = actions.create_token(user, "Skript").token
    assert abs(token.expires_at - timezone.now() - timedelta(days=365)) < timedelta(minutes=1)
    with pytest.raises(ValueError):
        actions.create_token(user, "Skript", days=7)


def test_the_list_shows_only_ones_own_tokens_with_their_status(client: Client, user: Any) -> None:
    key_for(user)
    key_for(user, state="expired")
    key_for(user, state="revoked")
    someone_else = UserFactory()
    actions.create_token(someone_else, "Någon annans nyckel")
    response = login(client, user).get(PAGE)
    assert response.status_code == 200
    assert [t.user_id for t in response.context["tokens"]] == [user.pk] * 3
    assert "Någon annans nyckel" not in response.text
    for status in ("Gäller", "Har gått ut", "Återkallad", "Aldrig"):
        assert status in response.text
    assert (
        response.text.count('<button type="submit" class="warning">Återkalla<') == 1
    )  # only the usable key can be revoked


def test_revoking_stops_the_key_at_once(client: Client) -> None:
    editor = person_at(AF)
    key = key_for(editor)
    token = ApiToken.objects.get(user=editor)
    response = login(client, editor).post(reverse("apitokens:revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status() == ApiToken.Status.REVOKED
    client.logout()
    assert send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna"}, **bearer(key)).status_code == 401


def test_someone_elses_token_is_not_found_and_stays_usable(client: Client, user: Any) -> None:
    other_key = key_for(UserFactory())
    other = ApiToken.objects.exclude(user=user).get()
    response = login(client, user).post(reverse("apitokens:revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None and token_for_key(other_key) == other


def test_revoking_is_a_post(client: Client, user: Any) -> None:
    key_for(user)
    token = ApiToken.objects.get(user=user)
    assert login(client, user).get(reverse("apitokens:revoke", args=[token.pk])).status_code == 405
    assert client.put(PAGE).status_code == 405


def test_the_page_lists_tokens_in_a_fixed_number_of_queries(client: Client, user: Any) -> None:
    # The layout's own queries (the header) belong to other apps; the list must not add one per token.
    login(client, user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(PAGE)
        return len(captured)

    key_for(user)
    one = queries()
    for _ in range(4):
        key_for(user)
    assert queries() == one


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_an_expired_or_revoked_key_is_no_key(user: Any, state: str) -> None:
    assert token_for_key(key_for(user, state=state)) is None


def test_a_key_of_an_inactive_user_is_no_key(user: Any) -> None:
    key = key_for(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert token_for_key(key) is None


def test_a_key_is_found_by_its_hash_only(user: Any) -> None:
    key = key_for(user)
    token = ApiToken.objects.get(user=user)
    assert token_for_key(key) == token
    assert token_for_key(token.token_hash) is None
    assert token_for_key(token.prefix) is None


def test_use_is_noted_at_most_once_a_minute(client: Client) -> None:
    editor = person_at(AF)
    key = key_for(editor)
    token = ApiToken.objects.get(user=editor)
    assert token.last_used_at is None

    def patch() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna"}, **bearer(key))
        return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "api_apitoken" in q["sql"]]

    assert len(patch()) == 1
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    assert patch() == []
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(seconds=61))
    assert len(patch()) == 1


def test_the_personal_data_download_lists_tokens_without_their_hashes(user: Any) -> None:
    key = key_for(user)
    token = ApiToken.objects.get(user=user)
    section = export(user)["api-nycklar"]
    assert section == [
        {
            "name": "Testskript",
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": None,
            "expires_at": token.expires_at.isoformat(),
            "revoked_at": None,
        }
    ]
    assert token.token_hash not in str(section) and key[12:] not in str(section)


def test_tokens_go_with_the_account(user: Any) -> None:
    key_for(user)
    user.delete()
    assert not ApiToken.objects.exists()
