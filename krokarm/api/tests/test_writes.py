"""API v1 writes: with an editor's token the actor's profile, responsibilities and services change through the
same forms and actions as the editing pages; without one, or for someone else's actor, nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.actors.tests.personas import login, person_at
from krokarm.api.tests.helpers import (
    AF,
    a_responsibility,
    a_service,
    assert_error,
    bearer,
    key_for,
    send,
    write_requests,
)
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> Any:
    return person_at(AF, Affiliation.Role.EDITOR)


@pytest.fixture
def auth(editor: Any) -> dict[str, str]:
    return bearer(key_for(editor))


def audit_count() -> int:
    return AuditEntry.objects.count()


def test_without_a_token_every_write_is_401_and_asks_for_a_bearer_token(client: Client) -> None:
    before = audit_count()
    for method, path, body in write_requests():
        response = send(client, method, path, body)
        error = assert_error(response, 401, "not_authenticated")
        assert "API-nyckel" in error["message"]
        assert response["WWW-Authenticate"] == 'Bearer realm="krokarm"'
    assert audit_count() == before


@pytest.mark.parametrize("state", ["wrong", "not ours", "expired", "revoked", "inactive user"])
def test_a_wrong_expired_or_revoked_token_is_401(client: Client, editor: Any, state: str) -> None:
    if state == "wrong":
        key = key_for(editor)[:-1] + "x"
    elif state == "not ours":
        key = "ghp_" + key_for(editor)[4:]
    elif state == "inactive user":
        key = key_for(editor)
        editor.is_active = False
        editor.save(update_fields=["is_active"])
    else:
        key = key_for(editor, state=state)
    before = audit_count()
    for method, path, body in write_requests():
        response = send(client, method, path, body, **bearer(key))
        assert_error(response, 401, "invalid_token")
        assert response["WWW-Authenticate"] == 'Bearer realm="krokarm", error="invalid_token"'
    assert audit_count() == before


def test_another_authorization_scheme_is_401(client: Client, editor: Any) -> None:
    response = send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna"}, HTTP_AUTHORIZATION="Basic dXNlcjpw")
    assert_error(response, 401)


@pytest.mark.parametrize("persona", ["editor of another actor", "member"])
def test_a_token_of_someone_who_is_not_the_actors_editor_is_403(client: Client, persona: str) -> None:
    user = person_at("csn") if persona == "editor of another actor" else person_at(AF, Affiliation.Role.MEMBER)
    key = key_for(user)
    before = audit_count()
    for method, path, body in write_requests():
        assert_error(send(client, method, path, body, **bearer(key)), 403, "forbidden")
    assert audit_count() == before
    assert Actor.objects.get(slug=AF).seat != "Kiruna"


@pytest.mark.parametrize("enforce_csrf_checks", [False, True])
def test_a_session_alone_never_authorises_a_write(editor: Any, enforce_csrf_checks: bool) -> None:
    # A browser sends its cookies with any site's requests: the API must ignore them for writes (CSRF).
    client = login(Client(enforce_csrf_checks=enforce_csrf_checks), editor)
    before = audit_count()
    for method, path, body in write_requests():
        assert_error(send(client, method, path, body), 401, "not_authenticated")
    assert audit_count() == before


def test_a_token_write_needs_no_csrf_token(editor: Any, auth: dict[str, str]) -> None:
    client = Client(enforce_csrf_checks=True)
    assert send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna"}, **auth).status_code == 200


def test_an_unknown_actor_is_404(client: Client, auth: dict[str, str]) -> None:
    for method, path, body in write_requests():
        path = path.replace(AF, "finns-inte")
        assert_error(send(client, method, path, body, **auth), 404, "not_found")


def test_another_actors_row_is_404_under_ones_own_actor(client: Client) -> None:
    # An editor of CSN cannot reach Arbetsförmedlingen's rows by putting their ids under CSN's address.
    key = key_for(person_at("csn"))
    af = Actor.objects.get(slug=AF)
    responsibility, service = af.responsibilities.order_by("pk")[0], af.services.order_by("pk")[0]
    before = audit_count()
    for method, path, body in [
        ("put", f"/api/v1/actors/csn/responsibilities/{responsibility.pk}", a_responsibility()),
        ("delete", f"/api/v1/actors/csn/responsibilities/{responsibility.pk}", None),
        ("put", f"/api/v1/actors/csn/services/{service.pk}", a_service()),
        ("delete", f"/api/v1/actors/csn/services/{service.pk}", None),
    ]:
        assert_error(send(client, method, path, body, **bearer(key)), 404, "not_found")
    assert audit_count() == before
    assert Responsibility.objects.filter(pk=responsibility.pk).exists()
    assert Service.objects.filter(pk=service.pk).exists()


def assert_audited(action: str, editor: Any, target_type: str) -> AuditEntry:
    entry = AuditEntry.objects.select_related("organisation").order_by("-id")[0]
    assert (entry.action, entry.source, entry.user_id) == (action, "api", editor.pk)
    assert entry.organisation is not None and entry.organisation.slug == AF
    assert entry.target_type == target_type
    return entry


def test_an_editor_changes_only_the_profile_fields_sent(client: Client, editor: Any, auth: dict[str, str]) -> None:
    actor = Actor.objects.get(slug=AF)
    response = send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna", "website": "af.se"}, **auth)
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["seat"], body["website"]) == (AF, "Kiruna", "https://af.se")
    assert body["short_name"] == actor.short_name and body["mandate"] == actor.mandate
    actor.refresh_from_db()
    assert (actor.seat, actor.website) == ("Kiruna", "https://af.se")
    entry = assert_audited("actor.updated", editor, "actors.actor")
    assert set(entry.changes) == {"seat", "website"}


def test_the_public_answer_shows_the_change_at_once(client: Client, auth: dict[str, str]) -> None:
    assert client.get(f"/api/v1/actors/{AF}").json()["seat"] != "Kiruna"  # now cached
    send(client, "patch", f"/api/v1/actors/{AF}", {"seat": "Kiruna"}, **auth)
    assert client.get(f"/api/v1/actors/{AF}").json()["seat"] == "Kiruna"


@pytest.mark.parametrize(
    "data, content_type", [("{", "application/json"), ("seat=Kiruna", "text/plain"), ("[]", "application/json")]
)
def test_a_body_that_is_not_a_json_object_is_400(
    client: Client, auth: dict[str, str], data: str, content_type: str
) -> None:
    response = client.patch(
        f"/api/v1/actors/{AF}", data=data, content_type=content_type, HTTP_AUTHORIZATION=auth["HTTP_AUTHORIZATION"]
    )
    assert_error(response, 400)


def test_null_empties_a_profile_field(client: Client, auth: dict[str, str]) -> None:
    response = send(client, "patch", f"/api/v1/actors/{AF}", {"short_name": None}, **auth)
    assert response.status_code == 200
    assert Actor.objects.get(slug=AF).short_name == ""


@pytest.mark.parametrize(
    "body, field, message",
    [
        ({"website": "inte en adress"}, "website", "Skriv en hel webbadress"),
        ({"case_email": "någon"}, "case_email", "Skriv e-postadressen så här"),
        ({"seat": "x" * 101}, "seat", ""),
        ({"colour": "röd"}, "colour", ""),
    ],
)
def test_bad_profile_values_are_400_with_the_forms_messages(
    client: Client, auth: dict[str, str], body: dict[str, Any], field: str, message: str
) -> None:
    before = audit_count()
    error = assert_error(send(client, "patch", f"/api/v1/actors/{AF}", body, **auth), 400, "invalid_request")
    assert [d["field"] for d in error["details"]] == [field]
    assert message in error["details"][0]["message"]
    assert audit_count() == before


def test_a_member_note_for_an_actor_that_is_not_a_network_is_a_conflict(client: Client, auth: dict[str, str]) -> None:
    before = audit_count()
    response = send(client, "patch", f"/api/v1/actors/{AF}", {"member_note": "Alla regioner"}, **auth)
    error = assert_error(response, 409, "not_a_network")
    assert error["details"] == [{"field": "member_note", "message": "Bara nätverk har en text om sina medlemmar."}]
    assert audit_count() == before and Actor.objects.get(slug=AF).member_note == ""


def test_a_networks_editor_writes_its_member_note(client: Client) -> None:
    key = key_for(person_at("rus-natverket"))
    response = send(
        client, "patch", "/api/v1/actors/rus-natverket", {"member_note": "Alla 21 regioner."}, **bearer(key)
    )
    assert response.status_code == 200 and response.json()["member_note"] == "Alla 21 regioner."


def test_an_editor_adds_a_responsibility(client: Client, editor: Any, auth: dict[str, str]) -> None:
    response = send(client, "post", f"/api/v1/actors/{AF}/responsibilities", a_responsibility(), **auth)
    assert response.status_code == 201
    body = response.json()
    assert body["theme"]["slug"] == "validering" and body["role"] == "informerar"
    assert body["target_groups"] == ["individer"]
    assert body["questions"] == ["Hur får jag min kompetens validerad?", "Vad kostar validering?"]
    row = Responsibility.objects.get(pk=body["id"])
    assert row.actor.slug == AF and row.basis == "Förordning (2022:811)"
    assert_audited("responsibility.created", editor, "actors.responsibility")


def test_an_editor_changes_a_responsibility_whole(client: Client, editor: Any, auth: dict[str, str]) -> None:
    row = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    body = {**a_responsibility(), "target_groups": ["arbetsgivare", "individer"], "questions": []}
    response = send(client, "put", f"/api/v1/actors/{AF}/responsibilities/{row.pk}", body, **auth)
    assert response.status_code == 200
    assert response.json()["id"] == row.pk
    assert sorted(response.json()["target_groups"]) == ["arbetsgivare", "individer"]
    row.refresh_from_db()
    assert (row.role, row.questions) == ("informerar", [])
    assert_audited("responsibility.updated", editor, "actors.responsibility")


def test_an_editor_deletes_a_responsibility(client: Client, editor: Any, auth: dict[str, str]) -> None:
    row = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    response = send(client, "delete", f"/api/v1/actors/{AF}/responsibilities/{row.pk}", **auth)
    assert response.status_code == 204 and response.content == b""
    assert not Responsibility.objects.filter(pk=row.pk).exists()
    assert_audited("responsibility.deleted", editor, "actors.responsibility")
    assert_error(send(client, "delete", f"/api/v1/actors/{AF}/responsibilities/{row.pk}", **auth), 404)


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"theme": "kompetensforsorjning"}, "theme", "Välj ett ämne i listan"),  # a strategic area, not a topic
        ({"target_groups": ["individer", "marsianer"]}, "target_groups.1", "Välj målgrupper i listan"),
        ({"description": "  "}, "description", "Beskriv ansvaret"),
        ({"source_url": "källan"}, "source_url", "Skriv en hel webbadress"),
        ({"role": "styr"}, "role", ""),
        ({"questions": ["Två\nrader"]}, "questions.0", ""),
    ],
)
def test_a_responsibility_breaking_the_forms_rules_is_400(
    client: Client, auth: dict[str, str], change: dict[str, Any], field: str, message: str
) -> None:
    before = audit_count()
    body = {**a_responsibility(), **change}
    response = send(client, "post", f"/api/v1/actors/{AF}/responsibilities", body, **auth)
    error = assert_error(response, 400, "invalid_request")
    assert [d["field"] for d in error["details"]] == [field]
    assert message in error["details"][0]["message"]
    assert audit_count() == before


def test_an_editor_adds_changes_and_deletes_a_service(client: Client, editor: Any, auth: dict[str, str]) -> None:
    created = send(client, "post", f"/api/v1/actors/{AF}/services", a_service(), **auth)
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["url"], body["theme"], body["target_groups"]) == (
        "Valideringsguiden",
        "https://exempel.se",
        None,
        [],
    )
    assert_audited("service.created", editor, "actors.service")
    path = f"/api/v1/actors/{AF}/services/{body['id']}"
    changed = send(client, "put", path, {"name": "Valideringsguiden", "theme": "validering"}, **auth)
    assert changed.status_code == 200
    assert changed.json()["theme"]["slug"] == "validering" and changed.json()["url"] == ""
    assert_audited("service.updated", editor, "actors.service")
    assert send(client, "delete", path, **auth).status_code == 204
    assert not Service.objects.filter(pk=body["id"]).exists()
    assert_audited("service.deleted", editor, "actors.service")


def test_a_role_the_actor_already_has_in_the_topic_is_a_conflict(client: Client, auth: dict[str, str]) -> None:
    before = audit_count()
    body = {**a_responsibility(), "role": "bidrar"}  # AF already contributes to validering
    response = send(client, "post", f"/api/v1/actors/{AF}/responsibilities", body, **auth)
    error = assert_error(response, 409, "duplicate")
    assert error["message"] == "Aktören har redan den rollen inom ämnet. Ändra det ansvaret i stället."
    assert [d["field"] for d in error["details"]] == ["role"] and audit_count() == before


def test_a_service_name_the_actor_already_uses_is_a_conflict(client: Client, auth: dict[str, str]) -> None:
    response = send(client, "post", f"/api/v1/actors/{AF}/services", {"name": "Platsbanken"}, **auth)
    error = assert_error(response, 409, "duplicate")
    assert error["details"] == [{"field": "name", "message": "Aktören har redan en tjänst med det namnet."}]


def test_a_site_admins_token_may_edit_any_actor(client: Client, staff_user: Any) -> None:
    response = send(client, "patch", "/api/v1/actors/csn", {"seat": "Sundsvall"}, **bearer(key_for(staff_user)))
    assert response.status_code == 200


def test_reads_stay_open_and_ignore_a_bad_token(client: Client) -> None:
    assert client.get(f"/api/v1/actors/{AF}", HTTP_AUTHORIZATION="Bearer krk_wrong").status_code == 200


def test_a_wrong_method_on_a_write_address_is_405_in_the_one_error_shape(client: Client) -> None:
    response = send(client, "post", f"/api/v1/actors/{AF}/services/1")
    assert_error(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"PUT", "DELETE"}


def test_the_public_answer_gives_the_ids_the_write_addresses_take(client: Client, auth: dict[str, str]) -> None:
    body = client.get(f"/api/v1/actors/{AF}").json()
    responsibility, service = body["responsibilities"][0], body["services"][0]
    path = f"/api/v1/actors/{AF}/responsibilities/{responsibility['id']}"
    assert send(client, "delete", path, **auth).status_code == 204
    assert send(client, "delete", f"/api/v1/actors/{AF}/services/{service['id']}", **auth).status_code == 204


def test_a_signed_in_editor_who_has_not_given_the_code_still_gets_api_answers(
    client: Client, editor: Any, auth: dict[str, str], settings: Any
) -> None:
    # Two-step sign-in guards the pages; the API answers to its token alone, so a script run from a browser with
    # a half-finished sign-in is answered, not redirected to the code page.
    settings.REQUIRE_TWO_FACTOR = True
    login(client, editor)
    response = send(client, "patch", f"/api/v1/actors/{AF}", {"short_name": "AF"}, **auth)
    assert response.status_code == 200
    assert client.get("/inkorg/").status_code == 302  # the pages still ask for the code
