from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.funding import export, permissions, queries
from krokarm.funding.forms import ProgrammeFilterForm


@require_GET
@cache_public_page
def programme_list(request: HttpRequest) -> HttpResponse:
    """The programmes grouped by fund, filtered by county and theme."""
    form = ProgrammeFilterForm(request.GET)
    selected = form.selected()
    groups = queries.by_fund(queries.programmes(**selected))
    context = {
        "form": form,
        "filtered": any(selected.values()),
        "groups": groups,
        "count": sum(len(programmes) for _fund, _label, programmes in groups),
    }
    return render(request, "funding/programme_list.html", context)


@require_GET
@cache_public_page
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = permissions.get_programme_for_viewing(request.user, slug)
    return render(request, "funding/programme_detail.html", {"programme": programme})


@require_GET
@cache_public_page
def matrix(request: HttpRequest) -> HttpResponse:
    """Programme × target group × theme, and per theme where individuals or companies are not reached."""
    form = ProgrammeFilterForm(request.GET)
    selected = form.selected()
    context = {
        "form": form,
        "filtered": any(selected.values()),
        "matrix": queries.build_matrix(**selected),
        "targets": queries.TARGET_LABELS,
    }
    return render(request, "funding/matrix.html", context)


@require_GET
@cache_public_page
def export_csv(request: HttpRequest) -> HttpResponse:
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    response = HttpResponse("\ufeff" + export.to_csv(export.documents()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krokarm-eu-program.csv"'
    return response


@require_GET
@cache_public_page
def export_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse({"programmes": export.documents()}, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="krokarm-eu-program.json"'
    return response
