"""Read-side queries shared by the HTML views, the downloads and the API."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from krokarm.actors.models import Actor, Membership, Responsibility, Service, Theme
from krokarm.lib.text import fold
from krokarm.regions.models import County


def find_county(region: str) -> County | None:
    """A county from a region actor's slug, a county slug or a two-digit county code."""
    region = region.strip()
    return (
        County.objects.filter(Q(code=region) | Q(slug=region) | Q(actors__slug=region, actors__kind="region"))
        .distinct()
        .first()
    )


def themes_under(theme: Theme) -> list[int]:
    """The theme itself and, for a strategic area, every topic inside it."""
    return [theme.pk, *Theme.objects.filter(parent=theme).values_list("pk", flat=True)]


def filter_actors(
    *, kind: str = "", county: County | None = None, theme: Theme | None = None, q: str = ""
) -> QuerySet[Actor]:
    actors = Actor.objects.select_related("county")
    if kind:
        actors = actors.filter(kind=kind)
    if county is not None:
        actors = actors.filter(county=county)
    if theme is not None:
        actors = actors.filter(pk__in=Responsibility.objects.filter(theme__in=themes_under(theme)).values("actor"))
    for word in fold(q).split():
        actors = actors.filter(search_text__contains=word)
    return actors.order_by("name", "pk")


def actor_with_details(slug: str) -> Actor | None:
    """One actor with everything its profile shows, in a fixed number of queries."""
    return (
        Actor.objects.select_related("county", "ministry")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("theme", "theme__parent")
                .prefetch_related("target_groups")
                .order_by("theme__parent__order", "theme__order", "role"),
            ),
            Prefetch(
                "services",
                queryset=Service.objects.select_related("theme").prefetch_related("target_groups"),
            ),
            Prefetch(
                "network_memberships",
                queryset=Membership.objects.select_related("network").order_by("network__name"),
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("member").order_by("role", "member__kind", "member__name"),
            ),
            Prefetch("agencies", queryset=Actor.objects.order_by("name")),
        )
        .filter(slug=slug)
        .first()
    )
