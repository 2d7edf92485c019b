"""The routing answer as plain JSON, shared by `krokarm route --jsonl` and GET /api/v1/route."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.lib.language import localized
from krokarm.lib.links import host
from krokarm.wayin.places import ActorRef
from krokarm.wayin.routing import Answer, NextStep, Reason

# The names the router gives a kind of actor when the place is not known (routing.PLACEHOLDERS): not an actor's
# name, so they are said in the reader's language.
PLACEHOLDER_NAMES = {
    "Din kommun": gettext_lazy("Din kommun"),
    "Din region": gettext_lazy("Din region"),
    "Din länsstyrelse": gettext_lazy("Din länsstyrelse"),
}


def actor_name(actor: ActorRef) -> str:
    """An actor's name as written; a placeholder for a kind ("Din kommun") in the active language."""
    placeholder = PLACEHOLDER_NAMES.get(actor.name) if actor.slug is None else None
    return str(placeholder) if placeholder is not None else actor.name


def next_step_text(step: NextStep) -> str:
    """What the link of a next step says: the service's name, or whose website it is."""
    if step.website:
        return _("Webbplatsen för %(actor)s") % {"actor": step.label}
    return step.label


def reason_topics(reason: Reason) -> list[str]:
    """The reason's topics in the active language: the English name where English is active and there is one."""
    if translation.get_language() != "en":
        return list(reason.topics)
    english = reason.topics_en
    return [english[i] if i < len(english) and english[i] else name for i, name in enumerate(reason.topics)]


def reason_text(reason: Reason) -> str:
    """Why an actor was chosen, as one line in the active language: "Ämne: …. Ord som matchade: …."."""
    parts = []
    if reason.topics:
        parts.append(_("Ämne: %(topics)s") % {"topics": ", ".join(reason_topics(reason))})
    if reason.words:
        parts.append(_("Ord som matchade: %(words)s") % {"words": ", ".join(reason.words)})
    if reason.needs_place == "municipality":
        parts.append(_("Ange din kommun så visar vi vilken kommun som ansvarar"))
    elif reason.needs_place == "county":
        parts.append(_("Ange ditt län eller din kommun så visar vi vilken aktör som ansvarar"))
    return ". ".join(parts) + ("." if parts else "")


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
    """The answer for the API, in the active language (topic names, reasons, next-step texts; actors' names and
    their responsibilities' descriptions stay as written). `receiving` holds the slugs of the actors that can
    receive a case (accounts.queries.receiving_slugs): only those may be offered "send the question"; the others
    get their own contact route."""
    return [
        {
            "actor": {
                "slug": result.actor.slug,
                "name": actor_name(result.actor),
                "short_name": result.actor.short_name,
                "kind": result.actor.kind,
                "region_code": result.actor.region_code,
                "summary_en": result.actor.summary_en,
                "english_url": result.actor.english_url,
            },
            "score": round(result.score, 4),
            "responsibility": {
                "topic": result.responsibility.topic,
                "topic_name": localized(result.responsibility, "topic_name"),
                # Empty when the match was one of the actor's services rather than a responsibility.
                "role": result.responsibility.role or None,
                "description": result.responsibility.description,
            },
            "next_step": next_step_json(result.next_step),
            "reason": reason_text(result.reason),
            "receives_cases": result.actor.slug in receiving,
            "contact": contact_route(result.actor),
        }
        for result in answer.results
    ]
