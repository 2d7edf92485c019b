"""The routing answer as plain JSON, shared by `krokarm route --jsonl` and GET /api/v1/route."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from krokarm.lib.links import host
from krokarm.wayin.places import ActorRef
from krokarm.wayin.routing import Answer, NextStep


def next_step_text(step: NextStep) -> str:
    """What the link of a next step says: the service's name, or whose website it is."""
    if step.website:
        return _("Webbplatsen för %(actor)s") % {"actor": step.label}
    return step.label


def next_step_json(step: NextStep | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {"label": next_step_text(step), "url": step.url, "host": step.host, "website": step.website}


def contact_route(actor: ActorRef) -> dict[str, str] | None:
    """Where to reach an actor that does not take cases through krokarm: its own website, named by its address."""
    if not actor.website:
        return None
    return {"url": actor.website, "host": host(actor.website) or actor.website}


def answer_json(answer: Answer, receiving: set[str]) -> list[dict[str, Any]]:
    """The answer for the API. `receiving` holds the slugs of the actors that can receive a case
    (accounts.queries.receiving_slugs): only those may be offered "send the question"; the others get their
    own contact route."""
    return [
        {
            "actor": {
                "slug": result.actor.slug,
                "name": result.actor.name,
                "short_name": result.actor.short_name,
                "kind": result.actor.kind,
                "region_code": result.actor.region_code,
            },
            "score": round(result.score, 4),
            "responsibility": {
                "topic": result.responsibility.topic,
                "topic_name": result.responsibility.topic_name,
                # Empty when the match was one of the actor's services rather than a responsibility.
                "role": result.responsibility.role or None,
                "description": result.responsibility.description,
            },
            "next_step": next_step_json(result.next_step),
            "reason": result.reason.text,
            "receives_cases": result.actor.slug in receiving,
            "contact": contact_route(result.actor),
        }
        for result in answer.results
    ]
