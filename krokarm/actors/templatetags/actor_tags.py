from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import Responsibility
from krokarm.lib.text import web_host

register = template.Library()

# One letter per role for the matrix, with the full word for screen readers.
ROLE_LETTERS = {"leder": _("L"), "bidrar": _("B"), "finansierar": _("F"), "informerar": _("I")}
ROLE_NAMES = dict(Responsibility.Role.choices)


@register.filter
def website_host(url: str) -> str:
    return web_host(url)


@register.filter
def role_letter(role: str) -> str:
    return str(ROLE_LETTERS.get(role, "?"))


@register.filter
def role_name(role: str) -> str:
    return str(ROLE_NAMES.get(role, role))


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
