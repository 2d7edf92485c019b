from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.strategies import charts, contribution_views, permissions, queries
from krokarm.strategies.forms import EntryPointFilterForm
from krokarm.strategies.models import Phase
from krokarm.strategies.templatetags.strategy_tags import current_summary

PAST_SHOWN = 10


@require_GET
@cache_public_page
def overview(request: HttpRequest) -> HttpResponse:
    """All 21 regions: the process timeline, the tile map and the entry points open now."""
    today = queries.today()
    form = EntryPointFilterForm(request.GET)
    selected = form.selected()
    statuses = queries.region_statuses(today)
    context = {
        "today": today,
        "form": form,
        "filtered": any(selected.values()),
        "statuses": statuses,
        "timeline": charts.timeline(
            [
                (
                    s.region.name,
                    "",
                    [(p.kind, p.get_kind_display(), p.starts_on, p.ends_on, p.planned) for p in s.phases],
                )
                for s in statuses
            ],
            today,
        ),
        "tiles": charts.tiles(
            [
                (
                    s.region.county.code if s.region.county else "",
                    s.region.county.name.removesuffix(" län") if s.region.county else s.region.name,
                    s.region.slug,
                    s.current_phase.kind if s.current_phase else "",
                    current_summary(s.current) if s.current else "",
                )
                for s in statuses
            ]
        ),
        "phase_kinds": Phase.Kind.choices,
        "open_entry_points": list(queries.entry_points("open", on=today, **selected)),
        "next_entry_point": queries.entry_points("upcoming", on=today, **selected).first(),
        "past_entry_points": list(queries.entry_points("closed", on=today, **selected)[:PAST_SHOWN]),
        "last_changed": queries.last_changed(),
    }
    return render(request, "strategies/overview.html", context)


@require_GET
@cache_public_page
def region_strategy(request: HttpRequest, slug: str) -> HttpResponse:
    region = permissions.get_region_for_viewing(request.user, slug)
    today = queries.today()
    status = queries.region_strategy_page(region, today)
    context = {
        "status": status,
        "region": region,
        "today": today,
        "can_manage": permissions.can_manage_region(request.user, region),
    }
    return render(request, "strategies/region_strategy.html", context)


@require_GET
@cache_public_page
def entry_point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Anonymous visitors share one cached page; the forms and the organisation's own contributions are only
    # built for someone signed in (contribution_views.py).
    entry = permissions.get_entry_point_for_viewing(request.user, pk)
    return contribution_views.entry_page(request, entry)
