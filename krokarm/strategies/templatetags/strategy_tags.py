"""Small formatting helpers for the strategy pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.strategies import phases, queries

register = template.Library()


def _day(value: datetime.date) -> str:
    return date_format(value)


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


STATE_LABELS = {
    phases.UPCOMING: gettext_lazy("Kommande"),
    phases.ONGOING: gettext_lazy("Pågår"),
    phases.ENDED: gettext_lazy("Avslutad"),
    phases.NOT_UPDATED: gettext_lazy("Ej uppdaterad"),
    phases.UNDATED: gettext_lazy("Datum saknas"),
}


@register.filter
def phase_state(phase: Any, today: datetime.date) -> str:
    """The phase's one state (phases.phase_state); the phase must be read through queries.with_last_update."""
    return queries.phase_state(phase, today)


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS[state])


@register.filter
def overdue_since(phase: Any, today: datetime.date) -> str:
    """The planned date that passed without an update, in words ("" if none)."""
    day = phases.overdue_since(phase, today)
    return _day(day) if day else ""


@register.filter
def current_label(current: phases.Current) -> str:
    """ "Aktuell fas" for a phase under way; "Senaste kända fas" when nothing is under way."""
    return _("Aktuell fas") if current.ongoing else _("Senaste kända fas")


@register.filter
def current_summary(current: phases.Current) -> str:
    """The phase's name, and for one that is not under way, why: "Dialog (avslutad 2024)",
    "Beslut (planerad till 30 april 2026, ej uppdaterad)", "Dialog (datum saknas)"."""
    phase: Any = current.phase
    name = str(phase.get_kind_display())
    if current.state == phases.ENDED:
        return _("%(phase)s (avslutad %(year)s)") % {"phase": name, "year": phase.ends_on.year}
    if current.state == phases.NOT_UPDATED and current.overdue_since:
        values = {"phase": name, "day": _day(current.overdue_since)}
        if current.overdue_since == phase.ends_on:
            return _("%(phase)s (planerad till %(day)s, ej uppdaterad)") % values
        return _("%(phase)s (planerad från %(day)s, ej uppdaterad)") % values
    if current.state == phases.UNDATED:
        return _("%(phase)s (datum saknas)") % {"phase": name}
    return name


@register.filter
def window_state(entry: Any, today: datetime.date) -> str:
    return phases.window_state(entry.opens_on, entry.closes_on, today)
