"""Reads of regional needs that the pages, the region page and the inbox share."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from krokarm.accounts.permissions import actor_ids
from krokarm.actors.models import Actor, Theme
from krokarm.needs.models import Answer, Need


def open_needs(
    *, region: Actor | None = None, theme: Theme | None = None, invited: Actor | None = None
) -> QuerySet[Need]:
    """Open needs, newest first, with their region, themes and number of answers (one query, plus one for
    the themes of a page). A strategic area also finds needs marked with its topics."""
    needs = Need.objects.filter(status=Need.Status.OPEN)
    if region is not None:
        needs = needs.filter(region=region)
    if theme is not None:
        needs = needs.filter(Q(themes=theme) | Q(themes__parent=theme))
    if invited is not None:
        needs = needs.filter(invited=invited)
    if theme is not None or invited is not None:
        needs = Need.objects.filter(pk__in=needs.values("pk"))
    return (
        needs.select_related("region")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "name")))
        .annotate(answer_count=Count("answers"))
        .order_by("-created_at", "-pk")
    )


def region_needs(region: Actor) -> list[Need]:
    """The open needs of one region, for its page: one query."""
    return list(Need.objects.filter(region=region, status=Need.Status.OPEN).order_by("-created_at", "-pk"))


def invited_needs(user: Any) -> list[Need]:
    """Open needs that invite one of the actors `user` works for, soonest deadline first: one query."""
    ids = actor_ids(user)
    if not ids:
        return []
    needs = Need.objects.filter(status=Need.Status.OPEN, invited__in=ids).values("pk")
    return list(
        Need.objects.filter(pk__in=needs)
        .select_related("region")
        .order_by(F("needed_by").asc(nulls_last=True), "-created_at", "-pk")
    )


def answers_to(need: Need) -> list[Answer]:
    """The answers to a need, oldest first, with the organisation and the author: one query."""
    return list(need.answers.select_related("actor", "author").order_by("created_at", "pk"))


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Regions and agencies (slug, name) for the list's filters: one query."""
    rows = Actor.objects.filter(kind__in=[Actor.Kind.REGION, Actor.Kind.AGENCY]).order_by("name")
    regions: list[tuple[str, str]] = []
    agencies: list[tuple[str, str]] = []
    for slug, name, kind in rows.values_list("slug", "name", "kind"):
        (regions if kind == Actor.Kind.REGION else agencies).append((slug, name))
    return regions, agencies
