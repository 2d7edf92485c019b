"""For other apps' templates: the EU programmes of a county or for a challenge.

{% load funding %}
{% programmes_for_county county %}
{% programmes_for_challenge challenge %}
"""

from __future__ import annotations

from typing import Any

from django import template

from krokarm.funding import queries

register = template.Library()


@register.inclusion_tag("funding/_county_programmes.html")
def programmes_for_county(county: Any) -> dict[str, Any]:
    """A list of the programmes covering `county` (one query, plus one for their reach)."""
    return {"county": county, "programmes": queries.programmes_for_county(county) if county is not None else []}


@register.inclusion_tag("funding/_challenge_programmes.html")
def programmes_for_challenge(challenge: Any) -> dict[str, Any]:
    """The programmes that can finance `challenge`, each with the themes and counties it matches on."""
    return {"challenge": challenge, "matches": queries.programmes_for_challenge(challenge)}
