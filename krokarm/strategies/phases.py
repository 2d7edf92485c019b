"""Where a process stands and whether an entry point is open. Plain objects and dates in and out.

A phase's dates may be missing (the source does not say) or only an end date may be known. Its state is
computed from its dates and today's, in one place (`phase_state`), so that no page, export or API shows a phase
as both under way and ended. Whether the dates are planned or confirmed (`planned`) is a separate fact about the
dates, shown beside the state; it matters to the state only once a planned date has passed and nobody has said
what happened (`NOT_UPDATED`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from krokarm.strategies.reference_data import PHASE_KINDS

# A phase's state (the API's values too).
UPCOMING = "kommande"
ONGOING = "pagar"
ENDED = "avslutad"
NOT_UPDATED = "ej_uppdaterad"  # a planned date has passed and nobody has updated the phase since
UNDATED = "datum_saknas"
STATES = (UPCOMING, ONGOING, ENDED, NOT_UPDATED, UNDATED)


class DatedPhase(Protocol):
    kind: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    planned: bool


P = TypeVar("P", bound=DatedPhase)

# When a phase was last updated by someone (None: never since it was loaded); see queries.last_updated_on.
LastUpdate = Callable[[DatedPhase], datetime.date | None]


def _never(phase: DatedPhase) -> datetime.date | None:
    return None


def ordered(phases: Iterable[P]) -> list[P]:
    """Phases in the order of a RUS process (start decision … follow-up)."""
    return sorted(phases, key=lambda p: PHASE_KINDS.index(p.kind) if p.kind in PHASE_KINDS else len(PHASE_KINDS))


def _start(phase: DatedPhase) -> datetime.date | None:
    # With only an end date known, the phase had begun by then at the latest.
    return phase.starts_on or phase.ends_on


def overdue_since(phase: DatedPhase, today: datetime.date) -> datetime.date | None:
    """The planned date that has passed without news: the planned end once it is past, else the planned start of
    a phase that should have begun. None for confirmed dates, or while no planned date has passed."""
    if not phase.planned:
        return None
    for day in (phase.ends_on, phase.starts_on):
        if day is not None and day < today:
            return day
    return None


def phase_state(phase: DatedPhase, today: datetime.date, updated_on: datetime.date | None = None) -> str:
    """The phase's one state today: UPCOMING, ONGOING, ENDED, NOT_UPDATED or UNDATED.

    `updated_on` is the day the phase was last updated by a person or a changed data file (None: never). A phase
    with planned dates whose planned date has passed is NOT_UPDATED until someone updates it after that day: we
    do not know whether it happened as planned, so it is neither "under way" nor "ended"."""
    due = overdue_since(phase, today)
    if due is not None and (updated_on is None or updated_on <= due):
        return NOT_UPDATED
    start = _start(phase)
    if start is None:
        return UNDATED
    if today < start:
        return UPCOMING
    if phase.ends_on is not None and phase.ends_on < today:
        return ENDED
    return ONGOING


@dataclass(frozen=True)
class Current:
    """The phase a process is in (state ONGOING), or else the latest phase known to have started, with its state
    (ENDED, NOT_UPDATED) — never called current once it has ended."""

    phase: DatedPhase
    state: str
    overdue_since: datetime.date | None = None  # for NOT_UPDATED: the planned date that passed

    @property
    def ongoing(self) -> bool:
        return self.state == ONGOING


def current_phase(phases: Iterable[P], today: datetime.date, updated_on: LastUpdate = _never) -> Current | None:
    """The phase under way today (the latest started if several are), else the latest started one with its state,
    else the first without dates."""
    items = ordered(phases)
    states = {id(p): phase_state(p, today, updated_on(p)) for p in items}

    def key(p: DatedPhase) -> tuple[datetime.date, int]:
        start = _start(p)
        assert start is not None
        return start, PHASE_KINDS.index(p.kind)

    started = [p for p in items if (s := _start(p)) is not None and s <= today]
    ongoing = [p for p in started if states[id(p)] == ONGOING]
    if ongoing:
        latest = max(ongoing, key=key)
        return Current(latest, ONGOING)
    if started:
        latest = max(started, key=key)
        return Current(latest, states[id(latest)], overdue_since(latest, today))
    undated = [p for p in items if _start(p) is None]
    return Current(undated[0], states[id(undated[0])]) if undated else None


def window_state(opens_on: datetime.date, closes_on: datetime.date, today: datetime.date) -> str:
    """An entry point's state: "upcoming", "open" or "closed"."""
    if today < opens_on:
        return "upcoming"
    if today > closes_on:
        return "closed"
    return "open"
