"""Reads about who works where that other apps ask about."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from krokarm.accounts.models import Affiliation, User
from krokarm.actors.models import Actor


def receiving_slugs(slugs: Iterable[str]) -> set[str]:
    """Which of these actors can receive a case: someone works there (an active account affiliated with it, who
    sees its inbox) or it has a case mailbox (`case_email`, which gets every new case by e-mail). A case sent to
    any other actor would wait for someone who does not exist, so the way in offers their own contact route
    instead. One query."""
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return set()
    return set(receiving_actors().filter(slug__in=wanted).values_list("slug", flat=True))


def receiving_actors() -> QuerySet[Actor]:
    """Every actor that can receive a case (see receiving_slugs), as a query to narrow further."""
    staffed = Exists(Affiliation.objects.filter(actor=OuterRef("pk"), user__is_active=True))
    return Actor.objects.filter(Q(staffed) | ~Q(case_email=""))


def receives_cases(actor: Actor) -> bool:
    return actor.slug in receiving_slugs([actor.slug])


def staff_of(actor_ids: Iterable[int]) -> dict[int, list[User]]:
    """Each actor's active staff (every role: all of them see its inbox), by actor id, in one query. These are
    the people told when something arrives for the organisation: a case, an invitation to a need, a
    contribution."""
    found: dict[int, list[User]] = {}
    affiliations = (
        Affiliation.objects.filter(actor_id__in=set(actor_ids), user__is_active=True)
        .select_related("user")
        .order_by("actor_id", "user_id")
    )
    for affiliation in affiliations:
        found.setdefault(affiliation.actor_id, []).append(affiliation.user)
    return found
