"""How actors and their responsibilities are found by site search (krokarm/search/registry.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from krokarm.actors.models import Actor, Responsibility, Theme
from krokarm.search.registry import Document, county_code, register, theme_slugs


def actor_document(actor: Actor) -> Document | None:
    if actor.retired_at is not None:
        return None  # no longer current: its page still opens, search leaves it out
    names = " ".join(n for n in (actor.short_name, actor.seat) if n)
    return Document(
        title=actor.name,
        text=f"{actor.get_kind_display()}. {names}. {actor.mandate}".strip(),
        url=actor.get_absolute_url(),
        region=county_code(actor),
        themes=theme_slugs(Theme.objects.filter(responsibilities__actor=actor).select_related("parent").distinct()),
    )


def responsibility_document(responsibility: Responsibility) -> Document | None:
    actor = responsibility.actor
    if responsibility.retired_at is not None or actor.retired_at is not None:
        return None
    questions = " ".join(responsibility.questions or [])
    return Document(
        title=f"{actor.name}: {responsibility.theme.name} ({responsibility.get_role_display().lower()})",
        text=f"{responsibility.description} {questions}".strip(),
        url=f"{actor.get_absolute_url()}#resp-{responsibility.pk}",
        region=county_code(actor),
        themes=theme_slugs([responsibility.theme]),
    )


def _responsibilities(actor: Actor) -> Iterable[Any]:
    return Responsibility.objects.filter(actor=actor).select_related("actor__county", "theme__parent")


def register_all() -> None:
    register(
        Actor,
        kind="aktor",
        document=actor_document,
        queryset=lambda: Actor.objects.select_related("county"),
        cascade=_responsibilities,
    )
    register(
        Responsibility,
        kind="ansvar",
        document=responsibility_document,
        queryset=lambda: Responsibility.objects.select_related("actor__county", "theme__parent"),
    )
