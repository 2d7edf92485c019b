"""Which phase a process is in, by its dates and today's."""

import datetime
from dataclasses import dataclass

from krokarm.strategies.phases import current_phase, window_state

D = datetime.date


@dataclass
class P:
    kind: str
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    planned: bool = False


def test_the_phase_whose_window_holds_today_is_current():
    phases = [P("dialog", D(2024, 1, 1), D(2024, 6, 30)), P("remiss", D(2024, 7, 1), D(2024, 12, 31))]
    current = current_phase(phases, D(2024, 8, 1))
    assert current and current.phase.kind == "remiss" and current.ongoing


def test_between_phases_the_latest_started_is_current_but_not_ongoing():
    phases = [P("remiss", D(2024, 4, 10), D(2024, 9, 30)), P("beslut", D(2026, 5, 1), D(2026, 5, 31))]
    current = current_phase(phases, D(2025, 1, 1))
    assert current and current.phase.kind == "remiss" and not current.ongoing


def test_a_phase_with_only_an_end_date_counts_as_started_by_then():
    current = current_phase([P("remiss", None, D(2025, 3, 31))], D(2025, 6, 1))
    assert current and current.phase.kind == "remiss"


def test_undated_phases_are_current_only_when_nothing_is_dated():
    current = current_phase([P("dialog")], D(2025, 6, 1))
    assert current and current.phase.kind == "dialog" and not current.ongoing
    assert current_phase([], D(2025, 6, 1)) is None


def test_an_entry_point_window_is_upcoming_open_or_closed():
    assert window_state(D(2025, 1, 1), D(2025, 3, 31), D(2024, 12, 31)) == "upcoming"
    assert window_state(D(2025, 1, 1), D(2025, 3, 31), D(2025, 3, 31)) == "open"
    assert window_state(D(2025, 1, 1), D(2025, 3, 31), D(2025, 4, 1)) == "closed"
