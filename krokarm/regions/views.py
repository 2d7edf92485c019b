from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.actors.models import Actor
from krokarm.audit.cache import cache_public_page
from krokarm.regions import permissions
from krokarm.regions.models import County
from krokarm.strategies import queries as strategy_queries


@require_GET
@cache_public_page
def region_list(request: HttpRequest) -> HttpResponse:
    counties = County.objects.annotate(
        municipality_count=Count("actors", filter=Q(actors__kind=Actor.Kind.MUNICIPALITY))
    ).prefetch_related(Prefetch("actors", queryset=Actor.objects.filter(kind=Actor.Kind.REGION), to_attr="regions"))
    return render(request, "regions/region_list.html", {"counties": counties})


@require_GET
@cache_public_page
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    county = permissions.get_county_for_viewing(request.user, slug)
    actors = list(county.actors.order_by("name"))
    region = next((a for a in actors if a.kind == Actor.Kind.REGION), None)
    return render(
        request,
        "regions/region_detail.html",
        {
            "county": county,
            "region": region,
            "strategy_status": strategy_queries.region_status(region) if region else None,
            "county_board": next((a for a in actors if a.kind == Actor.Kind.COUNTY_BOARD), None),
            "municipalities": [a for a in actors if a.kind == Actor.Kind.MUNICIPALITY],
            "others": [
                a for a in actors if a.kind not in (Actor.Kind.REGION, Actor.Kind.COUNTY_BOARD, Actor.Kind.MUNICIPALITY)
            ],
        },
    )
