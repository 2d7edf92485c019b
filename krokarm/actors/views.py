from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from krokarm.actors import actions, diagram, export, matrix, permissions, queries
from krokarm.actors.forms import ActorFilterForm, MatrixForm, ProfileForm, ResponsibilityForm, ServiceForm
from krokarm.actors.models import Actor, Membership, Responsibility, Service, Theme
from krokarm.audit import queries as audit_queries
from krokarm.audit.actions import Stale
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.audit.history import for_people
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.idempotency.shortcuts import ALREADY_SENT, repeated_submission

TIMELINE_LENGTH = 20
CHANGED_BEFORE_DELETE = gettext_lazy(
    "Inget togs bort: någon annan ändrade raden efter att du öppnade sidan. Se hur den ser ut nu och försök igen."
)
# Page titles: adding, changing and removing a responsibility or a service.
TITLES: dict[type[Responsibility | Service], tuple[Any, Any, Any]] = {
    Responsibility: (
        gettext_lazy("Lägg till ansvar"),
        gettext_lazy("Ändra ansvar"),
        gettext_lazy("Ta bort ansvar"),
    ),
    Service: (
        gettext_lazy("Lägg till tjänst"),
        gettext_lazy("Ändra tjänst"),
        gettext_lazy("Ta bort tjänst"),
    ),
}
# What an editor is told after adding, saving and removing a responsibility or a service.
DONE: dict[type[Responsibility | Service], tuple[Any, Any, Any]] = {
    Responsibility: (
        gettext_lazy("Ansvaret är tillagt."),
        gettext_lazy("Ansvaret är sparat."),
        gettext_lazy("Ansvaret är borttaget."),
    ),
    Service: (
        gettext_lazy("Tjänsten är tillagd."),
        gettext_lazy("Tjänsten är sparad."),
        gettext_lazy("Tjänsten är borttagen."),
    ),
}


@require_GET
@cache_public_page
def actor_list(request: HttpRequest) -> HttpResponse:
    form = ActorFilterForm(request.GET)
    actors = queries.filter_actors(**form.selected())
    page = Paginator(actors, settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "actors/actor_list.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
@cache_public_page
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = permissions.get_actor_for_viewing(request.user, slug)
    # Anonymous visitors share one cached page: nothing here may depend on who they are, and
    # cache_public_page never serves it to a visitor with a session.
    show_users = permissions.can_see_who_changed(request.user)
    history = for_people(audit_queries.actor_timeline(actor, limit=TIMELINE_LENGTH), show_users=show_users)
    context = {
        "actor": actor,
        "retired_responsibilities": queries.retired_responsibilities(actor),
        "history": history,
        "can_edit": permissions.can_edit_actor(request.user, actor),
        "show_full_log": show_users,
    }
    return render(request, "actors/actor_detail.html", context)


# Editing: only the actor's editors (permissions.get_actor_for_editing), through actions.


@login_required
@require_http_methods(["GET", "POST"])
def edit_actor(request: HttpRequest, slug: str) -> HttpResponse:
    """The profile form, and the actor's responsibilities and services to edit one by one."""
    actor = permissions.get_actor_for_editing(request.user, slug)
    form = ProfileForm(request.POST if request.method == "POST" else None, actor=actor)
    if form.is_bound and form.is_valid():
        values, version = form.profile_values(), form.expected_version()
        save = lambda: actions.update_profile(actor, values, user=request.user, expected_version=version)  # noqa: E731
        if save_or_stale(form, save):
            messages.success(request, _("Profilen är sparad."))
            return redirect("actors:edit", actor.slug)
    context = {
        "actor": actor,
        "form": form,
        "responsibilities": actor.responsibilities.select_related("theme").order_by("theme__name", "role"),
        "services": actor.services.order_by("name"),
    }
    return render(request, "actors/edit_actor.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def edit_responsibility(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        actor = permissions.get_actor_for_editing(request.user, slug)
        responsibility = Responsibility(actor=actor)
    else:
        responsibility = permissions.get_responsibility_for_editing(request.user, slug, pk)
    return _edit_row(request, responsibility, ResponsibilityForm, actions.save_responsibility)


@login_required
@require_http_methods(["GET", "POST"])
def edit_service(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        actor = permissions.get_actor_for_editing(request.user, slug)
        service = Service(actor=actor)
    else:
        service = permissions.get_service_for_editing(request.user, slug, pk)
    return _edit_row(request, service, ServiceForm, actions.save_service)


@login_required
@require_http_methods(["GET", "POST"])
def delete_responsibility(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    responsibility = permissions.get_responsibility_for_editing(request.user, slug, pk)
    return _delete_row(request, responsibility, actions.delete_responsibility)


@login_required
@require_http_methods(["GET", "POST"])
def delete_service(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = permissions.get_service_for_editing(request.user, slug, pk)
    return _delete_row(request, service, actions.delete_service)


def _edit_row(request: HttpRequest, row: Responsibility | Service, form_class: Any, save: Any) -> HttpResponse:
    existing = row if row.pk else None
    data = request.POST if request.method == "POST" else None
    form = form_class(data, actor=row.actor, instance=existing)
    added, saved, _removed = DONE[type(row)]
    if existing is None and (again := repeated_submission(request, form)):
        return again
    if form.is_bound and form.is_valid():
        values, groups, version = form.values(), form.group_slugs(), form.expected_version()
        if existing is None:  # a double click or a resent form adds one row
            back = reverse("actors:edit", args=[row.actor.slug])

            def add() -> str:
                save(row, values, target_groups=groups, user=request.user)
                return back

            url, made = run_once(scope_of(request), form.once_key(), f"actors.{type(row).__name__.lower()}", add)
            if made:
                messages.success(request, added)
            else:  # the same key at the same instant: the other request added it
                messages.info(request, ALREADY_SENT)
            return redirect(url)
        if save_or_stale(
            form, lambda: save(row, values, target_groups=groups, user=request.user, expected_version=version)
        ):
            messages.success(request, saved)
            return redirect("actors:edit", row.actor.slug)
    title = TITLES[type(row)][1 if existing else 0]
    context = {"actor": row.actor, "form": form, "title": title}
    return render(request, "actors/edit_row.html", context, status=form_status(form))


def _delete_row(request: HttpRequest, row: Responsibility | Service, delete: Any) -> HttpResponse:
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            delete(row, user=request.user, expected_version=int(version) if version.isdigit() else None)
        except Stale:
            messages.error(request, CHANGED_BEFORE_DELETE)
            return redirect("actors:edit", row.actor.slug)
        messages.success(request, DONE[type(row)][2])
        return redirect("actors:edit", row.actor.slug)
    context = {"actor": row.actor, "row": row, "title": TITLES[type(row)][2]}
    return render(request, "actors/confirm_delete.html", context)


@require_GET
@cache_public_page
def responsibility_matrix(request: HttpRequest) -> HttpResponse:
    form = MatrixForm(request.GET if "omrade" in request.GET else None)
    area = form.area()
    topics = list(Theme.objects.filter(parent=area).order_by("order", "name"))
    entries = queries.matrix_entries(topics)
    built = matrix.build([t.slug for t in topics], entries, _group_labels())
    names = {t.slug: t for t in topics}
    return render(
        request,
        "actors/responsibility_matrix.html",
        {"form": form, "area": area, "matrix": built, "topics": names},
    )


@require_GET
@cache_public_page
def collaboration(request: HttpRequest) -> HttpResponse:
    networks = list(Actor.objects.filter(kind=Actor.Kind.NETWORK).order_by("name"))
    memberships = list(Membership.objects.filter(network__in=networks).select_related("member", "network"))
    labels = _group_labels()
    members: dict[str, tuple[str, str, str]] = {}
    links: dict[tuple[str, str], bool] = {}
    for m in memberships:
        column = matrix.column_for(
            matrix.Entry(
                "", m.member.slug, m.member.display_short_name, m.member.get_absolute_url(), m.member.kind, ""
            ),
            labels,
        )
        members.setdefault(column.key, (column.key, column.label, column.url))
        key = (m.network.slug, column.key)
        links[key] = links.get(key, False) or m.role == Membership.Role.COORDINATOR
    picture = diagram.layout(
        [(n.slug, n.display_short_name, n.get_absolute_url()) for n in networks],
        sorted(members.values(), key=lambda m: m[1]),
        [(n, m, coordinator) for (n, m), coordinator in links.items()],
    )
    by_network = {n: [m for m in memberships if m.network_id == n.pk] for n in networks}
    return render(request, "actors/collaboration.html", {"diagram": picture, "by_network": by_network})


@require_GET
@cache_public_page
def data_page(request: HttpRequest) -> HttpResponse:
    counts = dict(Actor.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    kinds = [(label, counts.get(value, 0)) for value, label in Actor.Kind.choices]
    return render(
        request,
        "actors/data.html",
        {"kinds": kinds, "responsibilities": Responsibility.objects.count(), "api_docs": reverse("api:openapi-view")},
    )


@require_GET
@cache_public_page
def download_actors_csv(request: HttpRequest) -> HttpResponse:
    return _csv_response(export.to_csv(export.ACTOR_COLUMNS, export.actor_rows()), "krokarm-aktorer.csv")


@require_GET
@cache_public_page
def download_responsibilities_csv(request: HttpRequest) -> HttpResponse:
    body = export.to_csv(export.RESPONSIBILITY_COLUMNS, export.responsibility_rows())
    return _csv_response(body, "krokarm-ansvar.csv")


@require_GET
@cache_public_page
def download_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(export.directory_document(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="krokarm-katalog.json"'
    return response


def _csv_response(body: str, filename: str) -> HttpResponse:
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _group_labels() -> dict[str, tuple[str, str]]:
    counts = dict(
        Actor.objects.filter(kind__in=matrix.GROUPED_KINDS).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    base = reverse("actors:list")
    names = {
        "region": _("Regionerna"),
        "county_board": _("Länsstyrelserna"),
        "municipality": _("Kommunerna"),
    }
    return {kind: (f"{name} ({counts.get(kind, 0)})", f"{base}?kind={kind}") for kind, name in names.items()}
