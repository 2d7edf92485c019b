"""How challenges are found by site search: the shared what and every region's how in one document."""

from __future__ import annotations

from typing import Any

from krokarm.actors.models import Theme
from krokarm.challenges.models import Approach, Challenge, Outcome
from krokarm.search.registry import Document, county_code, register, register_part, theme_slugs


def challenge_document(challenge: Challenge) -> Document | None:
    if challenge.retired_at is not None:
        return None  # no longer current: its page still opens through links, but search does not offer it
    outcomes = Outcome.objects.filter(challenge=challenge).values_list("text", "indicator")
    approaches = Approach.objects.filter(challenge=challenge).select_related("region__county").order_by("region__name")
    how = [f"{a.region.name}: {a.summary} {a.measures}" for a in approaches]
    counties = sorted({county_code(a.region) for a in approaches} - {""})
    parts = [challenge.goal, challenge.description, *(f"{text} {indicator}" for text, indicator in outcomes), *how]
    return Document(
        title=challenge.title,
        text=" ".join(p for p in parts if p),
        url=challenge.get_absolute_url(),
        region=" ".join(counties),
        themes=theme_slugs(Theme.objects.filter(challenges=challenge).select_related("parent")),
        date=challenge.created_at.date() if challenge.created_at else None,
    )


def _challenge_of(part: Any) -> Challenge | None:
    return Challenge.all_objects.filter(pk=part.challenge_id).first()


def register_all() -> None:
    register(Challenge, kind="utmaning", document=challenge_document, m2m=("themes",))
    register_part(Approach, of=_challenge_of)
    register_part(Outcome, of=_challenge_of)
