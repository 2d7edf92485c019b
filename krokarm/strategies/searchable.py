"""How regional development strategies and their entry points are found by site search."""

from __future__ import annotations

from django.urls import reverse

from krokarm.actors.models import Theme
from krokarm.search.registry import Document, county_code, register, theme_slugs
from krokarm.strategies.models import EntryPoint, Priority, Strategy


def strategy_document(strategy: Strategy) -> Document:
    priorities = ". ".join(
        Priority.objects.filter(strategy=strategy).order_by("position").values_list("title", flat=True)
    )
    areas = Theme.objects.filter(
        pk__in=Priority.national_areas.through.objects.filter(priority__strategy=strategy).values("theme_id")
    ).select_related("parent")
    return Document(
        title=f"{strategy.name} ({strategy.region.name})",
        text=f"{strategy.summary} {priorities}".strip(),
        url=reverse("strategies:region", args=[strategy.region.slug]),
        region=county_code(strategy.region),
        themes=theme_slugs(areas),
        date=strategy.adopted_on,
    )


def entry_point_document(entry_point: EntryPoint) -> Document | None:
    if entry_point.retired_at is not None:
        return None  # no longer current: its own address still opens, but search leaves it out
    region = entry_point.phase.process.region
    return Document(
        title=entry_point.title,
        text=f"{region.name}. {entry_point.get_kind_display()}. {entry_point.description}",
        url=entry_point.get_absolute_url(),
        region=county_code(region),
        themes=theme_slugs(
            Theme.objects.filter(
                pk__in=EntryPoint.themes.through.objects.filter(entrypoint=entry_point).values("theme_id")
            ).select_related("parent")
        ),
        date=entry_point.closes_on,
    )


def register_all() -> None:
    register(
        Strategy,
        kind="strategi",
        document=strategy_document,
        queryset=lambda: Strategy.objects.select_related("region__county"),
    )
    register(
        EntryPoint,
        kind="ingang",
        document=entry_point_document,
        queryset=lambda: EntryPoint.objects.select_related("phase__process__region__county").prefetch_related(
            "themes__parent"
        ),
        m2m=("themes",),
    )
