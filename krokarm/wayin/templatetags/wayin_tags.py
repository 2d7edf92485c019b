from __future__ import annotations

from django import template

from krokarm.wayin.answers import reason_topics as _reason_topics
from krokarm.wayin.routing import Reason

register = template.Library()


@register.filter
def reason_topics(reason: Reason) -> list[str]:
    """The topics of a routing reason in the active language (English names in English, where they exist)."""
    return _reason_topics(reason)
