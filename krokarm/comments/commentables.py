"""The models that take comments today. Later apps (strategies, challenges, needs, proposals) register
their own models the same way, from their own `AppConfig.ready`."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from krokarm.comments.registry import register


def register_all() -> None:
    from krokarm.actors.models import Responsibility

    def responsibility(key: str) -> Any:
        actor, _sep, rest = key.partition("/")
        theme, _sep, role = rest.partition("/")
        # A responsibility that is no longer current keeps its thread (the current one wins a shared key).
        return (
            Responsibility.all_objects.select_related("actor", "theme")
            .filter(actor__slug=actor, theme__slug=theme, role=role)
            .order_by(F("retired_at").desc(nulls_first=True))
            .first()
        )

    register(
        Responsibility,
        name="ansvar",
        owner=lambda r: r.actor,
        url=lambda r: f"{r.actor.get_absolute_url()}#resp-{r.pk}",
        label=lambda r: f"{r.actor.name}: {r.get_role_display()} – {r.theme.name}",
        key=lambda r: f"{r.actor.slug}/{r.theme.slug}/{r.role}",
        lookup=responsibility,
        related=("actor", "theme"),
    )
