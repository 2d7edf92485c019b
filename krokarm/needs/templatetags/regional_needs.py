"""For other apps' templates: a region's open needs.

{% load regional_needs %}
{% open_needs_of region as needs %}
{% can_publish_needs region as can_publish %}
"""

from __future__ import annotations

from typing import Any

from django import template

from krokarm.needs import permissions, queries
from krokarm.needs.models import Need

register = template.Library()


@register.simple_tag
def open_needs_of(region: Any) -> list[Need]:
    """One query; none without a region."""
    return queries.region_needs(region) if region is not None else []


@register.simple_tag(takes_context=True)
def can_publish_needs(context: template.Context, region: Any) -> bool:
    """May the signed-in visitor publish needs for `region`? No query for anonymous visitors, so cached
    public pages stay the same for everyone."""
    user = getattr(context.get("request"), "user", None)
    return bool(user is not None and region is not None and permissions.can_publish_for(user, region))
