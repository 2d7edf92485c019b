"""How regional needs are found by site search."""

from __future__ import annotations

from krokarm.actors.models import Theme
from krokarm.needs.models import Need
from krokarm.search.registry import Document, county_code, register, theme_slugs


def need_document(need: Need) -> Document:
    return Document(
        title=need.title,
        text=f"{need.region.name}. {need.description}",
        url=need.get_absolute_url(),
        region=county_code(need.region),
        themes=theme_slugs(Theme.objects.filter(needs=need).select_related("parent")),
        date=need.created_at.date(),
    )


def register_all() -> None:
    register(
        Need,
        kind="behov",
        document=need_document,
        queryset=lambda: Need.objects.select_related("region__county").prefetch_related("themes__parent"),
        m2m=("themes",),
    )
