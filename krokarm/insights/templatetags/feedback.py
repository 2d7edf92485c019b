"""For the "Fick du svar?" form drawn without a form object (insights/_feedback.html)."""

from __future__ import annotations

import uuid

from django import template

register = template.Library()


@register.simple_tag
def once_key() -> str:
    """A fresh one-time key, made like krokarm.lib.forms.OnceMixin's: one click logs one question."""
    return uuid.uuid4().hex
