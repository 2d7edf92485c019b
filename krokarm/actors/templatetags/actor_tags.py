from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import Responsibility
from krokarm.lib.language import localized
from krokarm.lib.links import host

register = template.Library()

# One letter per role for the matrix, with the full word for screen readers.
ROLE_LETTERS = {"leder": _("L"), "bidrar": _("B"), "finansierar": _("F"), "informerar": _("I")}
ROLE_NAMES = dict(Responsibility.Role.choices)


@register.filter
def role_letter(role: str) -> str:
    return str(ROLE_LETTERS.get(role, "?"))


@register.filter
def role_name(role: str) -> str:
    return str(ROLE_NAMES.get(role, role))


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def url_host(url: str) -> str:
    """The site a link goes to, for the text next to it: "arbetsformedlingen.se"."""
    return host(url or "")


@register.filter
def in_language(obj: Any, field: str) -> Any:
    """A theme's, target group's or routing result's `field` in the active language: `<field>_en` in English
    when there is one, otherwise the Swedish text ({{ theme|in_language:"name" }})."""
    return localized(obj, field)
