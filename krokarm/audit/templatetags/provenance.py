"""For any page that shows reference facts: when each was last checked and by whom, read in two queries per page.

{% load provenance %}
{% provenance_of actor actor.responsibilities.all actor.services.all as provenance %}
{% provenance_line provenance actor %}
{% for resp in actor.responsibilities.all %}… {% provenance_line provenance resp %} …{% endfor %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from krokarm.audit.provenance import Key, Provenance, key_of, provenance_for_groups

register = template.Library()


@register.simple_tag
def provenance_of(*objects: Any) -> dict[Key, Provenance]:
    """Each argument is a row or an iterable of rows (a queryset: pass the one the page iterates, so that a
    prefetched list is not read again)."""
    groups = [[obj] if isinstance(obj, models.Model) else list(obj or ()) for obj in objects]
    return provenance_for_groups(*groups)


@register.inclusion_tag("audit/_provenance.html")
def provenance_line(provenance: dict[Key, Provenance] | None, obj: models.Model | None) -> dict[str, Any]:
    found = (provenance or {}).get(key_of(obj)) if obj is not None and obj.pk is not None else None
    return {"p": found}
