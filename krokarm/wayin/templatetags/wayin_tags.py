from __future__ import annotations

from django import template

from krokarm.wayin.answers import actor_name as _actor_name
from krokarm.wayin.answers import reason_topics as _reason_topics
from krokarm.wayin.places import ActorRef
from krokarm.wayin.routing import Reason

register = template.Library()


@register.filter
def reason_topics(reason: Reason) -> list[str]:
    """The topics of a routing reason in the active language (English names in English, where they exist)."""
    return _reason_topics(reason)


@register.filter
def actor_name(actor: ActorRef) -> str:
    """An actor's name as written, or "Din kommun" (a kind, not an actor) in the active language."""
    return _actor_name(actor)
