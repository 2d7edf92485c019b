"""For other apps' templates: links to an object's comments, with counts read in one query per page.

{% load commenting %}
{% comment_counts actor.responsibilities.all as counts %}
{% for resp in actor.responsibilities.all %}… {% comments_link resp counts %} …{% endfor %}
"""

from __future__ import annotations

import uuid
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krokarm.comments import queries, registry

register = template.Library()


@register.simple_tag
def comment_counts(objects: Any) -> dict[int, int]:
    return queries.counts_for(objects)


@register.simple_tag
def comments_link(obj: Any, counts: dict[int, int]) -> SafeString:
    url = registry.entry_for(obj).thread_url(obj)
    return format_html('<a href="{}">{}</a>', url, _("Kommentarer (%(count)d)") % {"count": counts.get(obj.pk, 0)})


@register.simple_tag
def thread_url(obj: Any) -> str:
    """The address of `obj`'s comment thread (the thread is created with its first comment)."""
    return registry.entry_for(obj).thread_url(obj)


@register.simple_tag
def once_key() -> str:
    """A fresh one-time key for a comment form drawn without a form object (the reply forms under each comment):
    made like krokarm.lib.forms.OnceMixin's, so a double click on the form makes one reply."""
    return uuid.uuid4().hex
