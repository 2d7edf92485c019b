"""Reads of the knowledge bank that the pages, the exports and the API share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet

from krokarm.actors.models import Actor, Theme
from krokarm.challenges.models import Challenge
from krokarm.knowledge.models import AccessRequest, Item, Reuse


def items(
    *,
    kind: str = "",
    theme: Theme | None = None,
    region: Actor | None = None,
    owner: Actor | None = None,
    challenge: Challenge | None = None,
) -> QuerySet[Item]:
    """Items, newest first, with their owner, themes, regions and number of reuses (one query, plus one each
    for the themes, regions and challenges of a page). A strategic area also finds items marked with its
    topics; a region also finds national items (those about no region in particular)."""
    found = Item.objects.all()
    if kind:
        found = found.filter(kind=kind)
    if owner is not None:
        found = found.filter(owner=owner)
    if theme is not None:
        found = found.filter(Q(themes=theme) | Q(themes__parent=theme))
    if region is not None:
        found = found.filter(Q(regions=region) | Q(regions__isnull=True))
    if challenge is not None:
        found = found.filter(challenges=challenge)
    if theme is not None or region is not None:
        found = Item.objects.filter(pk__in=found.values("pk"))
    return (
        found.select_related("owner")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            Prefetch("regions", queryset=Actor.objects.order_by("name")),
            Prefetch("challenges", queryset=Challenge.objects.order_by("title")),
        )
        .annotate(reuse_count=Count("reuses", distinct=True))
        .order_by("-published_on", "-created_at", "-pk")
    )


def reuses_of(item: Item) -> list[Reuse]:
    """Who reused an item, newest first, with the organisation: one query."""
    return list(item.reuses.select_related("actor").order_by("-created_at", "-pk"))


def requests_of(actors: Iterable[Actor]) -> list[AccessRequest]:
    """The requests for the items of `actors` (an owner's inbox), waiting ones first: one query."""
    return list(
        AccessRequest.objects.filter(item__owner__in=list(actors))
        .select_related("item__owner", "actor", "user", "answered_by")
        .order_by("-status", "-created_at", "-pk")
    )


def requests_by(item: Item, actor_ids: set[int]) -> list[AccessRequest]:
    """The requests the organisations `actor_ids` made for `item`, newest first: one query."""
    if not actor_ids:
        return []
    return list(
        AccessRequest.objects.filter(item=item, actor_id__in=actor_ids)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


def owner_choices() -> list[tuple[str, str]]:
    """The organisations that share anything, (slug, name) by name: one query."""
    owners = Actor.objects.filter(pk__in=Item.objects.values("owner_id")).order_by("name")
    return list(owners.values_list("slug", "name"))


def challenge_choices() -> list[tuple[str, str]]:
    return list(Challenge.objects.order_by("title").values_list("slug", "title"))


def region_choices() -> list[tuple[str, str]]:
    return list(Actor.objects.filter(kind=Actor.Kind.REGION).order_by("name").values_list("slug", "name"))
