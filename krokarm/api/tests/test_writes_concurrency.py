"""API writes under concurrency: versions as ETags, If-Match refused with 412 when stale, a PATCH writes only its
fields, and an Idempotency-Key makes one row however often (and however simultaneously) it is sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.actors.tests.personas import person_at
from krokarm.api.tests.helpers import AF, a_responsibility, a_service, assert_error, bearer, key_for, send
from krokarm.audit.models import AuditEntry
from krokarm.lib.testing import at_once, returned

BASE = f"/api/v1/actors/{AF}"


@pytest.fixture
def auth(db: Any) -> dict[str, str]:
    return bearer(key_for(person_at(AF, Affiliation.Role.EDITOR)))


def etag_of(response: Any) -> str:
    return str(response["ETag"])


@pytest.mark.django_db
def test_an_actor_is_read_with_its_version_as_etag(client: Client) -> None:
    response = client.get(BASE)
    actor = Actor.objects.get(slug=AF)
    assert etag_of(response) == f'"{actor.version}"' and response.json()["version"] == actor.version
    assert etag_of(client.get(BASE)) == f'"{actor.version}"'  # also when the page cache answers


@pytest.mark.django_db
def test_a_patch_with_an_old_if_match_is_refused_with_412_and_writes_nothing(
    client: Client, auth: dict[str, str]
) -> None:
    old = etag_of(client.get(BASE))
    assert send(client, "patch", BASE, {"seat": "Kiruna"}, **auth, HTTP_IF_MATCH=old).status_code == 200
    before = AuditEntry.objects.count()

    response = send(client, "patch", BASE, {"mandate": "Stale text"}, **auth, HTTP_IF_MATCH=old)

    error = assert_error(response, 412, "precondition_failed")
    assert any(d["field"] == "säte" and "Kiruna" in d["message"] for d in error["details"])
    assert Actor.objects.get(slug=AF).mandate != "Stale text"  # nothing written
    assert AuditEntry.objects.count() == before


def test_a_patch_with_the_current_if_match_saves_and_answers_the_next_etag(
    client: Client, auth: dict[str, str]
) -> None:
    current = etag_of(client.get(BASE))
    response = send(client, "patch", BASE, {"seat": "Luleå"}, **auth, HTTP_IF_MATCH=current)
    assert response.status_code == 200
    assert etag_of(response) == f'"{int(current.strip(chr(34))) + 1}"' == f'"{response.json()["version"]}"'


def test_a_malformed_if_match_is_412_not_a_guess(client: Client, auth: dict[str, str]) -> None:
    assert_error(send(client, "patch", BASE, {"seat": "Umeå"}, **auth, HTTP_IF_MATCH="yesterday"), 412)
    assert Actor.objects.get(slug=AF).seat != "Umeå"


def test_a_put_or_delete_of_a_responsibility_with_an_old_version_is_refused(
    client: Client, auth: dict[str, str]
) -> None:
    row = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    url = f"{BASE}/responsibilities/{row.pk}"
    first = send(client, "put", url, a_responsibility(), **auth, HTTP_IF_MATCH=f'"{row.version}"')
    assert first.status_code == 200 and etag_of(first) == f'"{row.version + 1}"'
    again = send(client, "put", url, {**a_responsibility(), "basis": "Stale"}, **auth, HTTP_IF_MATCH=f'"{row.version}"')
    assert_error(again, 412, "precondition_failed")
    assert_error(send(client, "delete", url, **auth, HTTP_IF_MATCH=f'"{row.version}"'), 412)
    assert Responsibility.objects.get(pk=row.pk).basis == a_responsibility()["basis"]  # kept


def test_a_post_sent_twice_with_one_idempotency_key_adds_one_row(client: Client, auth: dict[str, str]) -> None:
    url = f"{BASE}/services"
    first = send(client, "post", url, a_service(), **auth, HTTP_IDEMPOTENCY_KEY="retry-1")
    second = send(client, "post", url, a_service(), **auth, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == second.status_code == 201
    assert second.json()["id"] == first.json()["id"] and second["Idempotent-Replayed"] == "true"
    assert Service.objects.filter(actor__slug=AF, name=a_service()["name"]).count() == 1


def test_one_idempotency_key_with_another_body_is_422(client: Client, auth: dict[str, str]) -> None:
    url = f"{BASE}/services"
    assert send(client, "post", url, a_service(), **auth, HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    other = {**a_service(), "name": "Något annat"}
    assert_error(send(client, "post", url, other, **auth, HTTP_IDEMPOTENCY_KEY="k"), 422, "idempotency_key_reused")
    assert not Service.objects.filter(name="Något annat").exists()


def test_another_clients_key_never_returns_my_row(client: Client, auth: dict[str, str]) -> None:
    url = f"{BASE}/services"
    mine = send(client, "post", url, a_service(), **auth, HTTP_IDEMPOTENCY_KEY="shared")
    other_auth = bearer(key_for(person_at(AF, Affiliation.Role.EDITOR)))
    theirs = send(client, "post", url, {**a_service(), "name": "Deras"}, **other_auth, HTTP_IDEMPOTENCY_KEY="shared")
    assert theirs.status_code == 201 and theirs.json()["id"] != mine.json()["id"]


# Real concurrency: threads with their own database connections (krokarm.lib.testing.at_once) on a committed copy
# of the seeded database (the committed_db fixture).


def patch(headers: dict[str, Any], body: dict[str, Any]) -> Callable[[], Any]:
    return lambda: Client().patch(BASE, data=json.dumps(body), content_type="application/json", **headers)


def test_two_editors_patching_different_fields_at_once_both_keep_their_change(committed_db: Any) -> None:
    auth: dict[str, Any] = bearer(key_for(person_at(AF, Affiliation.Role.EDITOR)))
    for trial in range(10):
        seat, mandate = f"Säte {trial}", f"Uppdrag {trial}"
        results = returned(at_once(patch(auth, {"seat": seat}), patch(auth, {"mandate": mandate})))
        assert [r.status_code for r in results] == [200, 200], results
        with zeal_ignore():  # one read per trial, on purpose
            actor = Actor.objects.get(slug=AF)
        assert (actor.seat, actor.mandate) == (seat, mandate)  # kept: both changes
        for field, value in (("seat", seat), ("mandate", mandate)):  # the audit log matches what is stored
            last = AuditEntry.objects.filter(
                target_type="actors.actor", target_id=str(actor.pk), changes__has_key=field
            )
            assert last.order_by("-id")[0].changes[field][1] == value


def test_two_patches_with_the_same_if_match_at_once_save_one_and_refuse_the_other(committed_db: Any) -> None:
    auth: dict[str, Any] = bearer(key_for(person_at(AF, Affiliation.Role.EDITOR)))
    version = f'"{Actor.objects.get(slug=AF).version}"'
    with_tag = {**auth, "HTTP_IF_MATCH": version}
    results = returned(at_once(patch(with_tag, {"seat": "A"}), patch(with_tag, {"seat": "B"})))
    assert sorted(r.status_code for r in results) == [200, 412], results
    winner = next(r for r in results if r.status_code == 200).json()["seat"]
    assert Actor.objects.get(slug=AF).seat == winner  # the refused one wrote nothing


def test_the_same_idempotency_key_sent_twice_at_once_makes_one_row(committed_db: Any) -> None:
    auth: dict[str, Any] = {
        **bearer(key_for(person_at(AF, Affiliation.Role.EDITOR))),
        "HTTP_IDEMPOTENCY_KEY": "at-once",
    }

    def post() -> Any:
        return Client().post(f"{BASE}/services", data=json.dumps(a_service()), content_type="application/json", **auth)

    results = returned(at_once(post, post))
    assert [r.status_code for r in results] == [201, 201], results
    assert results[0].json()["id"] == results[1].json()["id"]
    assert Service.objects.filter(actor__slug=AF, name=a_service()["name"]).count() == 1


def test_two_editors_adding_the_same_role_at_once_get_one_row_and_one_409(committed_db: Any) -> None:
    auth: dict[str, Any] = bearer(key_for(person_at(AF, Affiliation.Role.EDITOR)))
    body = {**a_responsibility(), "theme": "validering", "role": "informerar"}

    def post() -> Any:
        return Client().post(f"{BASE}/responsibilities", data=json.dumps(body), content_type="application/json", **auth)

    results = returned(at_once(post, post))
    statuses = sorted(r.status_code for r in results)
    assert statuses in ([201, 400], [201, 409]), results  # the form or the unique index refuses the second
    assert Responsibility.objects.filter(actor__slug=AF, theme__slug="validering", role="informerar").count() == 1
