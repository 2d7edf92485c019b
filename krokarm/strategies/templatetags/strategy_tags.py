"""Small formatting helpers for the strategy pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from krokarm.strategies import phases

register = template.Library()


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


@register.filter
def period(phase: Any) -> str:
    """A phase's dates in words: "10 april 2024 – 30 september 2024", "från 3 december 2019", "datum saknas"."""
    starts_on, ends_on = phase.starts_on, phase.ends_on
    if starts_on and ends_on:
        return _day(starts_on) if starts_on == ends_on else f"{_day(starts_on)} – {_day(ends_on)}"
    if starts_on:
        return _("från %(day)s") % {"day": _day(starts_on)}
    if ends_on:
        return _("till %(day)s") % {"day": _day(ends_on)}
    return _("datum saknas i källan")


@register.filter
def phase_state(phase: Any, today: datetime.date) -> str:
    return phases.phase_state(phase, today)


@register.filter
def window_state(entry: Any, today: datetime.date) -> str:
    return phases.window_state(entry.opens_on, entry.closes_on, today)
