"""Reads for cases: the actors a question can be sent to, inboxes and the overdue list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from krokarm.accounts.permissions import actor_ids
from krokarm.accounts.queries import receiving_actors, receiving_slugs
from krokarm.actors.models import Actor
from krokarm.cases.models import Case, CaseEvent
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


def inbox_organisations(user: Any) -> list[Actor]:
    """The actors whose inbox `user` may open (those they work for), by name."""
    return list(Actor.objects.filter(pk__in=actor_ids(user)).order_by("name"))


def inbox(actor: Actor | None, show: str) -> QuerySet[Case]:
    """The cases `actor` holds: open ones (default), answered or all. No actor (a coordinator who works for none),
    no cases."""
    cases = Case.objects.filter(actor=actor).select_related("actor") if actor else Case.objects.none()
    if show == "besvarade":
        return cases.filter(status=Case.Status.ANSWERED).order_by("-answered_at")
    if show == "alla":
        return cases
    return cases.exclude(status=Case.Status.ANSWERED).order_by("accept_by")


def forwarded_by(actor: Actor | None) -> QuerySet[CaseEvent]:
    """ "Skickade vidare": each time `actor` forwarded a case, newest first, with the case and where it went. The
    sender sees where the case is now and its status, never its answer (the templates show neither the answer nor
    a link the sender could not open)."""
    if actor is None:
        return CaseEvent.objects.none()
    return (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.FORWARDED, actor=actor)
        .select_related("case__actor", "to_actor")
        .order_by("-at", "-id")
    )


MAX_SUGGESTIONS = 5


@dataclass
class ForwardOptions:
    """What the forward form offers: the router's suggestions for the case's question first, then every other
    actor that can receive a case, narrowed by the officer's search (`search`, from ?sok=) when there is one."""

    suggestions: list[Actor] = field(default_factory=list)
    others: list[Actor] = field(default_factory=list)
    search: str = ""


def forward_options(case: Case, search: str = "") -> ForwardOptions:
    """See ForwardOptions. Only actors that can receive a case (accounts.queries.receiving_actors) are offered,
    never the one holding it. Two queries and one routing."""
    place = case.municipality.code if case.municipality_id and case.municipality else None
    if place is None and case.county_id and case.county:
        place = case.county.code
    ranked = candidate_actors(case.question, place, case.asker) if case.question else []
    suggestions = [actor for actor in ranked if actor.pk != case.actor_id][:MAX_SUGGESTIONS]
    search = search.strip()[:100]
    others = receiving_actors().filter(kind__in=SENDABLE).exclude(pk=case.actor_id)
    others = others.exclude(pk__in=[actor.pk for actor in suggestions])
    if search:
        others = others.filter(Q(name__icontains=search) | Q(short_name__icontains=search) | Q(slug__icontains=search))
    return ForwardOptions(suggestions, list(others.order_by("name")), search)


def overdue() -> QuerySet[Case]:
    """Cases nobody has accepted by their deadline, oldest deadline first."""
    return (
        Case.objects.filter(status=Case.Status.WAITING, accept_by__lt=timezone.now())
        .select_related("actor")
        .order_by("accept_by")
    )
