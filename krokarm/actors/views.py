from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from krokarm.actors import diagram, export, matrix, permissions, queries
from krokarm.actors.forms import ActorFilterForm, MatrixForm
from krokarm.actors.models import Actor, Membership, Responsibility, Theme
from krokarm.audit.cache import cache_public_page


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
    return render(request, "actors/actor_detail.html", {"actor": actor})


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
