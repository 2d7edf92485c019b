"""Reads about who works where that other apps ask about."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Actor


def receiving_slugs(slugs: Iterable[str]) -> set[str]:
    """Which of these actors can receive a case: someone works there (an active account affiliated with it, who
    sees its inbox) or it has a case mailbox (`case_email`, which gets every new case by e-mail). A case sent to
    any other actor would wait for someone who does not exist, so the way in offers their own contact route
    instead. One query."""
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return set()
    staffed = Exists(Affiliation.objects.filter(actor=OuterRef("pk"), user__is_active=True))
    found = Actor.objects.filter(slug__in=wanted).filter(Q(staffed) | ~Q(case_email="")).values_list("slug", flat=True)
    return set(found)


def receives_cases(actor: Actor) -> bool:
    return actor.slug in receiving_slugs([actor.slug])
