"""API v1 writes: an actor's editors change its profile, responsibilities and services with an API token.

The same path as the editing pages: the HTML forms validate (the same rules and Swedish messages), the helpers
in actors/permissions.py decide access (404 for an unknown actor or another actor's row, 403 for someone who is
not the actor's editor), and the actions write with an audit row whose source is "api".

Nothing written is lost to a concurrent write: every answer carries the row's version as an `ETag`; a write with
`If-Match` is refused with 412 when the row has changed since (nothing is written), and a write without it writes
only what it sends under a row lock (a PATCH only its fields; see the README's "Concurrent changes"). A POST with
an `Idempotency-Key` header makes its row once: sent again (a retry after a lost answer), it answers with the
row the first request made.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Annotated, Any

from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path as P
from ninja import Schema, Status

from krokarm.actors import actions, permissions, queries
from krokarm.actors.forms import ProfileForm, ResponsibilityForm, ServiceForm
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.api import schemas
from krokarm.api.auth import token_auth
from krokarm.api.errors import ApiError, error_response
from krokarm.api.schemas import SLUG
from krokarm.api.views import api
from krokarm.audit.actions import Stale
from krokarm.idempotency import actions as idempotency

SOURCE = "api"
TAGS = ["ändringar (kräver API-nyckel)"]
ERRORS: dict[int, type[Schema]] = dict.fromkeys((400, 401, 403, 404, 409, 412, 422), schemas.Error)

Slug = Annotated[str, P(pattern=SLUG, max_length=80, description="Aktörens slug.", examples=["arbetsformedlingen"])]
RowId = Annotated[int, P(ge=1, le=2_147_483_647, description="Radens id, som i aktörens svar.")]


def invalid(form: forms.Form) -> ApiError:
    """The form's errors in the one error shape: the same Swedish messages as on the editing pages.

    A row that would repeat one the actor has (a role it already has in the topic, a service name it already
    uses) is a conflict with what is stored, 409, not a wrong value: the same request is fine for another actor."""
    details = [
        {
            "field": "request" if field == NON_FIELD_ERRORS else field,
            "message": str(error.message % (error.params or {})),
        }
        for field, errors in form.errors.as_data().items()
        for error in errors
    ]
    codes = {error.code for errors in form.errors.as_data().values() for error in errors}
    if codes == {"duplicate"}:
        return ApiError(409, "duplicate", details[0]["message"], details)
    return ApiError(400, "invalid_request", _("Förfrågan har fel värden."), details)


# Versions (ETag / If-Match) and one-time keys (Idempotency-Key)


def etag(row: models.Model) -> str:
    return f'"{row.version}"'  # type: ignore[attr-defined]


def if_match(request: HttpRequest) -> int | None:
    """The version the client last read (from If-Match), or None when it sent none or "*"."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        message = _('If-Match ska innehålla den ETag du fick när du läste raden, till exempel "3".')
        raise ApiError(412, "precondition_failed", message, [{"field": "If-Match", "message": header[:100]}])
    return int(tag)


@api.exception_handler(Stale)
def on_stale(request: HttpRequest, exc: Stale) -> HttpResponse:
    """412 with what changed since the version the client sent (If-Match), field by field; nothing was written."""
    message = _("Raden har ändrats sedan du läste den (nu version %(version)s). Inget sparades: läs den igen.") % {
        "version": exc.current_version
    }
    details = [{"field": change.field, "message": f"{change.old_text} → {change.new_text}"} for change in exc.changes]
    return error_response(412, "precondition_failed", message, details)


def write(request: HttpRequest, response: HttpResponse, row: models.Model, save: Callable[[int | None], Any]) -> None:
    """Run `save(expected_version)` with the If-Match version (a change meanwhile: 412, see on_stale); set the
    ETag."""
    save(if_match(request))
    row.refresh_from_db(fields=["version"])
    response["ETag"] = etag(row)


def create_once(
    request: HttpRequest, response: HttpResponse, purpose: str, body: Schema, make: Callable[[], Any]
) -> Any:
    """Run `make` (it returns the new row) once per Idempotency-Key; a repeat answers with the first request's
    row (and Idempotent-Replayed: true). The same key with another body is refused with 422."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        row = make()
        response["ETag"] = etag(row)
        return row
    if len(key) > 64:
        message = _("Idempotency-Key får vara högst 64 tecken.")
        raise ApiError(400, "invalid_request", message, [{"field": "Idempotency-Key", "message": message}])
    digest = hashlib.sha256(json.dumps(body.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()
    scope = idempotency.scope_of(request)
    try:
        with transaction.atomic():
            done = idempotency.claim(scope, key, purpose, digest)
            if done is None:
                row = make()
                idempotency.store_response(scope, key, 201, f"{row._meta.label_lower}:{row.pk}")
                response["ETag"] = etag(row)
                return row
    except IntegrityError:  # the same key at the same instant: the other request made the row
        done = idempotency.lookup(scope, key)
        if done is None:
            raise
    if done.request_hash != digest:
        message = _("Nyckeln i Idempotency-Key har redan använts till en annan förfrågan. Använd en ny nyckel.")
        raise ApiError(422, "idempotency_key_reused", message)
    label, _sep, pk = done.body.partition(":")
    row = apps.get_model(label)._base_manager.filter(pk=pk).first() if pk else None
    if row is None:
        raise ApiError(409, "conflict", _("Raden som nyckeln skapade finns inte längre."))
    response["Idempotent-Replayed"] = "true"
    response["ETag"] = etag(row)
    return row


# Profile


@api.patch(
    "/actors/{slug}",
    response={200: schemas.ActorDetail, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra en aktörs profil",
)
def update_profile(request: HttpRequest, response: HttpResponse, slug: Slug, body: schemas.ProfileIn) -> Actor | None:
    """Ändra aktörens profil. Bara fälten du skickar ändras; null tömmer ett fält. Svarar med hela aktören.

    Skicka `If-Match` med den ETag du fick när du läste aktören: har någon ändrat profilen sedan dess svarar vi
    412 och sparar inget. Utan `If-Match` sparas bara de fält du skickar."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    sent = {field: value or "" for field, value in body.model_dump(exclude_unset=True).items()}
    form = ProfileForm({**ProfileForm(actor=actor).initial, **sent}, actor=actor)
    if "member_note" in sent and "member_note" not in form.fields:  # a fact about this actor, not a wrong value
        message = _("Bara nätverk har en text om sina medlemmar.")
        raise ApiError(409, "not_a_network", message, [{"field": "member_note", "message": message}])
    if not form.is_valid():
        raise invalid(form)
    changed = {field: form.cleaned_data[field] for field in sent}  # what was not sent stays as it is, exactly
    write(
        request,
        response,
        actor,
        lambda version: actions.update_profile(
            actor, changed, user=request.user, source=SOURCE, expected_version=version
        ),
    )
    return queries.actor_with_details(actor.slug)


# Responsibilities


def responsibility_form_data(body: schemas.ResponsibilityIn) -> dict[str, Any]:
    return {**body.model_dump(exclude={"questions"}), "questions": "\n".join(body.questions)}


@api.post(
    "/actors/{slug}/responsibilities",
    response={201: schemas.ResponsibilityOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Lägg till ett ansvar",
)
def add_responsibility(
    request: HttpRequest, response: HttpResponse, slug: Slug, body: schemas.ResponsibilityIn
) -> Status[Responsibility]:
    """Lägg till ett ansvar. Aktören får ha varje roll högst en gång per ämne. Med `Idempotency-Key` läggs det
    till en gång även om du skickar förfrågan igen."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    make = lambda: _save_responsibility(request, Responsibility(actor=actor), body)  # noqa: E731
    return Status(201, create_once(request, response, "api.responsibility", body, make))


@api.put(
    "/actors/{slug}/responsibilities/{id}",
    response={200: schemas.ResponsibilityOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra ett ansvar",
)
def change_responsibility(
    request: HttpRequest, response: HttpResponse, slug: Slug, id: RowId, body: schemas.ResponsibilityIn
) -> Responsibility:
    """Ändra ett av aktörens ansvar. Skicka hela ansvaret: fält som saknas blir tomma. Med `If-Match` (ansvarets
    ETag eller `version`) svarar vi 412 om någon har ändrat det sedan du läste det."""
    row = permissions.get_responsibility_for_editing(request.user, slug, id)
    saved = _save_responsibility(request, row, body, if_match(request))
    response["ETag"] = etag(saved)
    return saved


@api.delete(
    "/actors/{slug}/responsibilities/{id}",
    response={204: None, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ta bort ett ansvar",
)
def delete_responsibility(request: HttpRequest, slug: Slug, id: RowId) -> Status[None]:
    """Ta bort ett av aktörens ansvar. Med `If-Match` tas det bort bara om ingen har ändrat det sedan du läste det.
    Har någon kommenterat eller följer ansvaret visas det i stället som att det inte längre gäller."""
    row = permissions.get_responsibility_for_editing(request.user, slug, id)
    actions.delete_responsibility(row, user=request.user, source=SOURCE, expected_version=if_match(request))
    return Status(204, None)


def _save_responsibility(
    request: HttpRequest, row: Responsibility, body: schemas.ResponsibilityIn, version: int | None = None
) -> Responsibility:
    form = ResponsibilityForm(responsibility_form_data(body), actor=row.actor, instance=row if row.pk else None)
    if not form.is_valid():
        raise invalid(form)
    actions.save_responsibility(
        row,
        form.values(),
        target_groups=form.group_slugs(),
        user=request.user,
        source=SOURCE,
        expected_version=version,
    )
    return Responsibility.objects.select_related("theme").prefetch_related("target_groups").get(pk=row.pk)


# Services


@api.post(
    "/actors/{slug}/services",
    response={201: schemas.ServiceOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Lägg till en tjänst",
)
def add_service(request: HttpRequest, response: HttpResponse, slug: Slug, body: schemas.ServiceIn) -> Status[Service]:
    """Lägg till en tjänst. Namnet får inte redan användas av en annan av aktörens tjänster. Med
    `Idempotency-Key` läggs den till en gång även om du skickar förfrågan igen."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    make = lambda: _save_service(request, Service(actor=actor), body)  # noqa: E731
    return Status(201, create_once(request, response, "api.service", body, make))


@api.put(
    "/actors/{slug}/services/{id}",
    response={200: schemas.ServiceOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra en tjänst",
)
def change_service(
    request: HttpRequest, response: HttpResponse, slug: Slug, id: RowId, body: schemas.ServiceIn
) -> Service:
    """Ändra en av aktörens tjänster. Skicka hela tjänsten: fält som saknas blir tomma. Med `If-Match` svarar vi
    412 om någon har ändrat den sedan du läste den."""
    row = permissions.get_service_for_editing(request.user, slug, id)
    saved = _save_service(request, row, body, if_match(request))
    response["ETag"] = etag(saved)
    return saved


@api.delete(
    "/actors/{slug}/services/{id}",
    response={204: None, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ta bort en tjänst",
)
def delete_service(request: HttpRequest, slug: Slug, id: RowId) -> Status[None]:
    """Ta bort en av aktörens tjänster. Med `If-Match` tas den bort bara om ingen har ändrat den sedan du läste den."""
    row = permissions.get_service_for_editing(request.user, slug, id)
    actions.delete_service(row, user=request.user, source=SOURCE, expected_version=if_match(request))
    return Status(204, None)


def _save_service(request: HttpRequest, row: Service, body: schemas.ServiceIn, version: int | None = None) -> Service:
    data = {**body.model_dump(), "theme": body.theme or ""}
    form = ServiceForm(data, actor=row.actor, instance=row if row.pk else None)
    if not form.is_valid():
        raise invalid(form)
    actions.save_service(
        row,
        form.values(),
        target_groups=form.group_slugs(),
        user=request.user,
        source=SOURCE,
        expected_version=version,
    )
    return Service.objects.select_related("theme").prefetch_related("target_groups").get(pk=row.pk)
