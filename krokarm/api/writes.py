"""API v1 writes: an actor's editors change its profile, responsibilities and services with an API token.

The same path as the editing pages: the HTML forms validate (the same rules and Swedish messages), the helpers
in actors/permissions.py decide access (404 for an unknown actor or another actor's row, 403 for someone who is
not the actor's editor), and the actions write with an audit row whose source is "api".
"""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path as P
from ninja import Schema, Status

from krokarm.actors import actions, permissions, queries
from krokarm.actors.forms import ProfileForm, ResponsibilityForm, ServiceForm
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.api import schemas
from krokarm.api.auth import token_auth
from krokarm.api.errors import ApiError
from krokarm.api.schemas import SLUG
from krokarm.api.views import api

SOURCE = "api"
TAGS = ["ändringar (kräver API-nyckel)"]
ERRORS: dict[int, type[Schema]] = dict.fromkeys((400, 401, 403, 404), schemas.Error)

Slug = Annotated[str, P(pattern=SLUG, max_length=80, description="Aktörens slug.", examples=["arbetsformedlingen"])]
RowId = Annotated[int, P(ge=1, le=2_147_483_647, description="Radens id, som i aktörens svar.")]


def invalid(form: forms.Form) -> ApiError:
    """The form's errors in the one error shape: the same Swedish messages as on the editing pages."""
    details = [
        {"field": "request" if field == NON_FIELD_ERRORS else field, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    return ApiError(400, "invalid_request", _("Förfrågan har fel värden."), details)


# Profile


@api.patch(
    "/actors/{slug}",
    response={200: schemas.ActorDetail, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra en aktörs profil",
)
def update_profile(request: HttpRequest, slug: Slug, body: schemas.ProfileIn) -> Actor | None:
    """Ändra aktörens profil. Bara fälten du skickar ändras; null tömmer ett fält. Svarar med hela aktören."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    sent = {field: value or "" for field, value in body.model_dump(exclude_unset=True).items()}
    form = ProfileForm({**ProfileForm(actor=actor).initial, **sent}, actor=actor)
    if "member_note" in sent and "member_note" not in form.fields:
        message = _("Bara nätverk har en text om sina medlemmar.")
        raise ApiError(
            400, "invalid_request", _("Förfrågan har fel värden."), [{"field": "member_note", "message": message}]
        )
    if not form.is_valid():
        raise invalid(form)
    changed = {field: form.cleaned_data[field] for field in sent}  # what was not sent stays as it is, exactly
    actions.update_profile(actor, changed, user=request.user, source=SOURCE)
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
def add_responsibility(request: HttpRequest, slug: Slug, body: schemas.ResponsibilityIn) -> Status[Responsibility]:
    """Lägg till ett ansvar. Aktören får ha varje roll högst en gång per ämne."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    return Status(201, _save_responsibility(request, Responsibility(actor=actor), body))


@api.put(
    "/actors/{slug}/responsibilities/{id}",
    response={200: schemas.ResponsibilityOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra ett ansvar",
)
def change_responsibility(
    request: HttpRequest, slug: Slug, id: RowId, body: schemas.ResponsibilityIn
) -> Responsibility:
    """Ändra ett av aktörens ansvar. Skicka hela ansvaret: fält som saknas blir tomma."""
    row = permissions.get_responsibility_for_editing(request.user, slug, id)
    return _save_responsibility(request, row, body)


@api.delete(
    "/actors/{slug}/responsibilities/{id}",
    response={204: None, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ta bort ett ansvar",
)
def delete_responsibility(request: HttpRequest, slug: Slug, id: RowId) -> Status[None]:
    """Ta bort ett av aktörens ansvar."""
    row = permissions.get_responsibility_for_editing(request.user, slug, id)
    actions.delete_responsibility(row, user=request.user, source=SOURCE)
    return Status(204, None)


def _save_responsibility(request: HttpRequest, row: Responsibility, body: schemas.ResponsibilityIn) -> Responsibility:
    form = ResponsibilityForm(responsibility_form_data(body), actor=row.actor, instance=row if row.pk else None)
    if not form.is_valid():
        raise invalid(form)
    actions.save_responsibility(row, form.values(), target_groups=form.group_slugs(), user=request.user, source=SOURCE)
    return Responsibility.objects.select_related("theme").prefetch_related("target_groups").get(pk=row.pk)


# Services


@api.post(
    "/actors/{slug}/services",
    response={201: schemas.ServiceOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Lägg till en tjänst",
)
def add_service(request: HttpRequest, slug: Slug, body: schemas.ServiceIn) -> Status[Service]:
    """Lägg till en tjänst. Namnet får inte redan användas av en annan av aktörens tjänster."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    return Status(201, _save_service(request, Service(actor=actor), body))


@api.put(
    "/actors/{slug}/services/{id}",
    response={200: schemas.ServiceOut, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ändra en tjänst",
)
def change_service(request: HttpRequest, slug: Slug, id: RowId, body: schemas.ServiceIn) -> Service:
    """Ändra en av aktörens tjänster. Skicka hela tjänsten: fält som saknas blir tomma."""
    row = permissions.get_service_for_editing(request.user, slug, id)
    return _save_service(request, row, body)


@api.delete(
    "/actors/{slug}/services/{id}",
    response={204: None, **ERRORS},
    auth=token_auth,
    tags=TAGS,
    summary="Ta bort en tjänst",
)
def delete_service(request: HttpRequest, slug: Slug, id: RowId) -> Status[None]:
    """Ta bort en av aktörens tjänster."""
    row = permissions.get_service_for_editing(request.user, slug, id)
    actions.delete_service(row, user=request.user, source=SOURCE)
    return Status(204, None)


def _save_service(request: HttpRequest, row: Service, body: schemas.ServiceIn) -> Service:
    data = {**body.model_dump(), "theme": body.theme or ""}
    form = ServiceForm(data, actor=row.actor, instance=row if row.pk else None)
    if not form.is_valid():
        raise invalid(form)
    actions.save_service(row, form.values(), target_groups=form.group_slugs(), user=request.user, source=SOURCE)
    return Service.objects.select_related("theme").prefetch_related("target_groups").get(pk=row.pk)
