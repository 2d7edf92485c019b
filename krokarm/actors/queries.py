"""Read-side queries shared by the HTML views, the downloads and the API."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.urls import reverse

from krokarm.actors import matrix
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


def matrix_entries(topics: list[Theme]) -> list[matrix.Entry]:
    """The responsibilities within `topics` as the matrix needs them, without building model objects.

    Regions, länsstyrelser and municipalities become one column per kind, so for them
    one row per (topic, kind, role) is enough; there are thousands of them otherwise.
    """
    within = Responsibility.objects.filter(theme__in=topics)
    grouped = (
        within.filter(actor__kind__in=matrix.GROUPED_KINDS)
        .values_list("theme__slug", "actor__kind", "role")
        .distinct()
        .order_by()
    )
    entries = [matrix.Entry(topic, "", "", "", kind, role) for topic, kind, role in grouped]
    base = reverse("actors:detail", args=["-"])[:-2]
    single = within.exclude(actor__kind__in=matrix.GROUPED_KINDS).values_list(
        "theme__slug", "actor__slug", "actor__short_name", "actor__name", "actor__kind", "role"
    )
    entries.extend(
        matrix.Entry(topic, slug, short or name, f"{base}{slug}/", kind, role, actor_name=name)
        for topic, slug, short, name, kind, role in single
    )
    return entries


FilterChoices = tuple[list[tuple[str, str]], list[tuple[Theme, list[Theme]]]]


def retired_responsibilities(actor: Actor) -> list[Responsibility]:
    """The actor's responsibilities that are no longer current but kept for the comments and follows on them:
    all of them when the actor itself is no longer current."""
    rows = Responsibility.all_objects.filter(actor=actor)
    if actor.retired_at is None:
        rows = rows.filter(retired_at__isnull=False)
    return list(rows.select_related("theme", "actor").order_by("theme__name", "role"))


def actor_with_details(slug: str) -> Actor | None:
    """One actor with everything its profile shows, in a fixed number of queries per kind.

    Members are read only for networks and agencies only for ministries: the
    profile and the API show those lists for those kinds alone.
    """
    # A retired actor keeps its page (its cases, comments and followers point at it).
    actor = Actor.all_objects.select_related("county", "ministry").filter(slug=slug).first()
    if actor is None:
        return None
    lookups: list[str | Prefetch[Any]] = [
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.select_related("theme", "theme__parent")
            .prefetch_related("target_groups")
            .order_by("theme__parent__order", "theme__order", "role"),
        ),
        Prefetch("services", queryset=Service.objects.select_related("theme").prefetch_related("target_groups")),
        Prefetch(
            "network_memberships", queryset=Membership.objects.select_related("network").order_by("network__name")
        ),
    ]
    if actor.kind == Actor.Kind.NETWORK:
        lookups.append(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("member").order_by("role", "member__kind", "member__name"),
            )
        )
    if actor.kind == Actor.Kind.MINISTRY:
        lookups.append(Prefetch("agencies", queryset=Actor.objects.order_by("name")))
    prefetch_related_objects([actor], *lookups)
    return actor


def filter_choices() -> FilterChoices:
    """Counties and themes (areas with their topics) for the filter form, read once per data version."""
    from django.core.cache import cache

    from krokarm.audit.cache import data_version

    def read() -> FilterChoices:
        counties = list(County.objects.values_list("slug", "name"))
        areas = Theme.objects.filter(parent=None).prefetch_related("topics")
        return counties, [(area, list(area.topics.all())) for area in areas]

    result = cache.get_or_set(f"filter-choices:{data_version()}", read, 3600)
    return cast(FilterChoices, result)
