"""Layouts for the national overview: the process timeline and the tile map of the 21 counties.

Returns coordinates and plain values only; the templates draw the SVG and the HTML grid.
Deterministic, so the same data always gives the same picture.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from krokarm.strategies.review import election_day, is_election_year

# Where each county's tile sits (column, row), by länskod: roughly Sweden's shape, north at the top.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "25": (3, 0),  # Norrbotten
    "24": (2, 1),  # Västerbotten
    "23": (1, 2),  # Jämtland
    "22": (2, 2),  # Västernorrland
    "20": (1, 3),  # Dalarna
    "21": (2, 3),  # Gävleborg
    "17": (0, 4),  # Värmland
    "18": (1, 4),  # Örebro
    "19": (2, 4),  # Västmanland
    "03": (3, 4),  # Uppsala
    "14": (0, 5),  # Västra Götaland
    "05": (1, 5),  # Östergötland
    "04": (2, 5),  # Sörmland
    "01": (3, 5),  # Stockholm
    "13": (0, 6),  # Halland
    "06": (1, 6),  # Jönköping
    "08": (2, 6),  # Kalmar
    "09": (3, 6),  # Gotland
    "12": (0, 7),  # Skåne
    "07": (1, 7),  # Kronoberg
    "10": (2, 7),  # Blekinge
}


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    url: str
    column: int
    row: int
    phase_kind: str  # "" when the region's phase is not known
    phase_label: str


def tiles(items: list[tuple[str, str, str, str, str]]) -> list[Tile]:
    """items: (county code, label, url, phase kind, phase label). Unknown codes go below the map."""
    result = []
    extra_row = max(row for _, row in TILE_POSITIONS.values()) + 1
    for index, (code, label, url, kind, phase_label) in enumerate(items):
        column, row = TILE_POSITIONS.get(code, (index % 4, extra_row))
        result.append(Tile(code, label, url, column, row, kind, phase_label))
    return sorted(result, key=lambda t: (t.row, t.column))


@dataclass(frozen=True)
class Bar:
    kind: str
    label: str
    x: float
    y: float
    width: float
    height: float
    planned: bool
    open_ended: bool
    start_unknown: bool


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    election: bool


@dataclass
class Timeline:
    width: int
    height: int
    left: int
    top: int
    rows: list[Row]
    ticks: list[Tick]
    today_x: float
    today_label: str
    first_year: int
    last_year: int


PhaseInput = tuple[str, str, datetime.date | None, datetime.date | None, bool]
LABEL_WIDTH = 200
ROW_HEIGHT = 30
# The year labels sit on the first line (baseline 20), the "today" label on a line of its own below them, so the two
# never overlap however close today is to a new year.
TOP = 52
WIDTH = 1000


def timeline(
    rows: list[tuple[str, str, list[PhaseInput]]], today: datetime.date, *, first_year: int | None = None
) -> Timeline:
    """rows: (label, url, phases as (kind, label, starts_on, ends_on, planned)).

    The axis runs from January of the earliest phase's year to December of the year after today
    (or of the latest end). A phase without an end runs to the edge; one with only an end date is
    drawn as a thin mark at its end; one without dates is not drawn (the table lists it).
    """
    dates = [d for _, _, phases in rows for _, _, s, e, _ in phases for d in (s, e) if d]
    first = first_year or min([d.year for d in dates] + [today.year])
    last = max([d.year for d in dates] + [today.year + 1])
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    span = (end - start).days or 1
    plot = WIDTH - LABEL_WIDTH - 10

    def x(day: datetime.date) -> float:
        clamped = min(max(day, start), end)
        return round(LABEL_WIDTH + plot * (clamped - start).days / span, 1)

    laid_out = []
    for index, (label, url, phases) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        drawable = sorted((p for p in phases if p[2] or p[3]), key=lambda p: p[2] or p[3] or start)
        lanes: list[datetime.date] = []
        placed = []
        for kind, phase_label, starts_on, ends_on, planned in drawable:
            begin = starts_on or ends_on or start
            finish = ends_on or end
            lane = next((i for i, last_end in enumerate(lanes) if last_end < begin), len(lanes))
            if lane == len(lanes):
                lanes.append(finish)
            else:
                lanes[lane] = finish
            placed.append((lane, kind, phase_label, begin, finish, planned, ends_on is None, starts_on is None))
        height = (ROW_HEIGHT - 8) / max(len(lanes), 1)
        bars = []
        for lane, kind, phase_label, begin, finish, planned, open_ended, start_unknown in placed:
            left = x(begin)
            width = max(x(finish) - left, 4.0)
            if start_unknown:
                left, width = x(finish) - 4.0, 4.0
            top = round(y + 4 + lane * height, 1)
            bars.append(
                Bar(kind, phase_label, left, top, round(width, 1), round(height, 1), planned, open_ended, start_unknown)
            )
        laid_out.append(Row(label, url, y, bars))

    ticks = [Tick(x(datetime.date(year, 1, 1)), str(year), False) for year in range(first, last + 1)]
    ticks += [Tick(x(election_day(year)), str(year), True) for year in range(first, last + 1) if is_election_year(year)]
    return Timeline(
        width=WIDTH,
        height=TOP + len(rows) * ROW_HEIGHT + 10,
        left=LABEL_WIDTH,
        top=TOP,
        rows=laid_out,
        ticks=ticks,
        today_x=x(today),
        today_label=today.isoformat(),
        first_year=first,
        last_year=last,
    )
