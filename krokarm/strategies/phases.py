"""Where a process stands and whether an entry point is open. Plain objects and dates in and out.

A phase's dates may be missing (the source does not say) or only an end date may be known.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from krokarm.strategies.reference_data import PHASE_KINDS


class DatedPhase(Protocol):
    kind: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None


P = TypeVar("P", bound=DatedPhase)


def ordered(phases: Iterable[P]) -> list[P]:
    """Phases in the order of a RUS process (start decision … follow-up)."""
    return sorted(phases, key=lambda p: PHASE_KINDS.index(p.kind) if p.kind in PHASE_KINDS else len(PHASE_KINDS))


def _start(phase: DatedPhase) -> datetime.date | None:
    # With only an end date known, the phase had begun by then at the latest.
    return phase.starts_on or phase.ends_on


@dataclass(frozen=True)
class Current:
    phase: DatedPhase
    ongoing: bool  # today is inside its window; otherwise it is the latest phase known to have started


def current_phase(phases: Iterable[P], today: datetime.date) -> Current | None:
    """The phase whose window holds today, else the latest started one, else the first without dates."""
    items = ordered(phases)

    def key(p: DatedPhase) -> tuple[datetime.date, int]:
        start = _start(p)
        assert start is not None
        return start, PHASE_KINDS.index(p.kind)

    started = [p for p in items if (s := _start(p)) is not None and s <= today]
    ongoing = [p for p in started if p.starts_on is not None and (p.ends_on is None or today <= p.ends_on)]
    if ongoing:
        return Current(max(ongoing, key=key), True)
    if started:
        return Current(max(started, key=key), False)
    undated = [p for p in items if _start(p) is None]
    return Current(undated[0], False) if undated else None


def phase_state(phase: DatedPhase, today: datetime.date) -> str:
    """ "upcoming", "ongoing", "done" or "unknown" (no dates)."""
    start = _start(phase)
    if start is None:
        return "unknown"
    if today < start:
        return "upcoming"
    if phase.ends_on is not None and phase.ends_on < today:
        return "done"
    return "ongoing"


def window_state(opens_on: datetime.date, closes_on: datetime.date, today: datetime.date) -> str:
    """An entry point's state: "upcoming", "open" or "closed"."""
    if today < opens_on:
        return "upcoming"
    if today > closes_on:
        return "closed"
    return "open"
