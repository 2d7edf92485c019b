from __future__ import annotations

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from krokarm.actors.forms import ActorFilterForm
from krokarm.actors.models import Actor, Theme


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    counts = dict(Actor.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    areas = Theme.objects.filter(parent=None).order_by("order")
    return render(
        request,
        "home/start.html",
        {"counts": counts, "areas": areas, "search_form": ActorFilterForm(auto_id="start_%s")},
    )


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "home/about.html")


@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    return render(request, "home/personal_data.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
