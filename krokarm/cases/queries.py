"""Reads for cases: the actors a question can be sent to, inboxes and the overdue list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from krokarm.accounts.permissions import actor_ids
from krokarm.actors.models import Actor
from krokarm.cases.models import Case
from krokarm.regions.models import County

SENDABLE = [kind for kind in Actor.Kind.values if kind != Actor.Kind.NETWORK]


def candidate_actors(question: str, place: str | None, asker: str | None, chosen: str | None = None) -> list[Actor]:
    """The actors the way in ranks for `question` that can receive a case, best first; an actor
    the asker picked (`chosen`, a slug) comes first even when the ranking would not have it."""
    from krokarm.wayin.catalogue import get_router

    slugs = []
    if question.strip():
        answer = get_router().route(question[:2000], county_code=place or None, asker=asker or None)
        slugs = [result.actor.slug for result in answer.results if result.actor.slug]
    if chosen:
        slugs = [chosen, *(slug for slug in slugs if slug != chosen)]
    found = Actor.objects.filter(slug__in=slugs, kind__in=SENDABLE).in_bulk(field_name="slug")
    return [found[slug] for slug in slugs if slug in found]


def resolve_place(code: str | None) -> tuple[County | None, Actor | None]:
    """A county (2 digits) or a municipality (4 digits) code → (county, municipality)."""
    if not code:
        return None, None
    if len(code) == 4:
        municipality = Actor.objects.select_related("county").filter(kind=Actor.Kind.MUNICIPALITY, code=code).first()
        return (municipality.county, municipality) if municipality else (None, None)
    return County.objects.filter(code=code).first(), None


def inbox(user: Any, show: str) -> QuerySet[Case]:
    """The cases held by the actors `user` works for: open ones (default), answered or all."""
    cases = Case.objects.filter(actor_id__in=actor_ids(user)).select_related("actor")
    if show == "besvarade":
        return cases.filter(status=Case.Status.ANSWERED).order_by("-answered_at")
    if show == "alla":
        return cases
    return cases.exclude(status=Case.Status.ANSWERED).order_by("accept_by")


def overdue() -> QuerySet[Case]:
    """Cases nobody has accepted by their deadline, oldest deadline first."""
    return (
        Case.objects.filter(status=Case.Status.WAITING, accept_by__lt=timezone.now())
        .select_related("actor")
        .order_by("accept_by")
    )
