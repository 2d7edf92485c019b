"""Reads for cases: the actors a question can be sent to, inboxes and the overdue list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from krokarm.accounts.permissions import actor_ids
from krokarm.accounts.queries import receiving_slugs
from krokarm.actors.models import Actor
from krokarm.cases.models import Case
from krokarm.regions.models import County

SENDABLE = [kind for kind in Actor.Kind.values if kind != Actor.Kind.NETWORK]


def candidate_actors(question: str, place: str | None, asker: str | None, chosen: str | None = None) -> list[Actor]:
    """The actors the way in ranks for `question` that can receive a case, best first; an actor
    the asker picked (`chosen`, a slug) comes first even when the ranking would not have it.

    "Can receive" is accounts.queries.receiving_slugs: someone works there or it has a case mailbox. Nobody
    would read a case sent to any other actor."""
    from krokarm.wayin.catalogue import get_router

    slugs = []
    if question.strip():
        answer = get_router().route(question[:2000], county_code=place or None, asker=asker or None)
        slugs = [result.actor.slug for result in answer.results if result.actor.slug]
    if chosen:
        slugs = [chosen, *(slug for slug in slugs if slug != chosen)]
    receiving = receiving_slugs(slugs)
    found = Actor.objects.filter(slug__in=receiving, kind__in=SENDABLE).in_bulk(field_name="slug")
    return [found[slug] for slug in slugs if slug in found]


def unreachable(chosen: str | None, actors: list[Actor]) -> Actor | None:
    """The actor the asker picked when it cannot receive the case (it is not among `actors`), so that the page
    can say so and show its own contact route instead; None when there is nothing to say."""
    if not chosen or any(actor.slug == chosen for actor in actors):
        return None
    return Actor.objects.filter(slug=chosen).first()


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
