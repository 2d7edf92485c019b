"""The "Vem ansvarar för vad?" matrix: topics × actors with role marks.

Plain data in, plain data out, so the rules (what is a gap, what is an overlap)
are testable without a database. Regions, länsstyrelser and municipalities have
the same duties everywhere in their own county, so each kind is one column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

ROLE_ORDER = ("leder", "finansierar", "bidrar", "informerar")
GROUPED_KINDS = ("region", "county_board", "municipality")


@dataclass(frozen=True)
class Entry:
    """One responsibility as the matrix needs it."""

    topic: str
    actor_key: str
    actor_label: str
    actor_url: str
    actor_kind: str
    role: str
    actor_name: str = ""  # the full name, where the label is a short name such as "MYH"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    url: str
    name: str = ""  # the full name when `label` is an abbreviation; pages expand it

    @property
    def abbreviated(self) -> bool:
        return bool(self.name) and self.name != self.label


@dataclass
class Row:
    topic: str
    cells: list[tuple[str, ...]] = field(default_factory=list)
    leads: list[Column] = field(default_factory=list)
    by_role: dict[str, list[Column]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if not self.leads:
            return "gap"
        return "overlap" if len(self.leads) > 1 else "clear"


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]

    @property
    def gaps(self) -> list[Row]:
        return [row for row in self.rows if row.status == "gap"]

    @property
    def overlaps(self) -> list[Row]:
        return [row for row in self.rows if row.status == "overlap"]


def column_for(entry: Entry, group_labels: dict[str, tuple[str, str]]) -> Column:
    if entry.actor_kind in group_labels:
        label, url = group_labels[entry.actor_kind]
        return Column(key=f"kind:{entry.actor_kind}", label=label, url=url)
    return Column(key=entry.actor_key, label=entry.actor_label, url=entry.actor_url, name=entry.actor_name)


def build(topics: list[str], entries: Iterable[Entry], group_labels: dict[str, tuple[str, str]]) -> Matrix:
    """Rows in the order of `topics`; columns ordered by how many topics they lead, then name."""
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    columns: dict[str, Column] = {}
    for entry in entries:
        if entry.topic not in topics:
            continue
        column = column_for(entry, group_labels)
        columns[column.key] = column
        roles[(entry.topic, column.key)].add(entry.role)
    lead_counts = {key: sum(1 for t in topics if "leder" in roles.get((t, key), ())) for key in columns}
    ordered = sorted(columns.values(), key=lambda c: (-lead_counts[c.key], c.label))
    rows = []
    for topic in topics:
        row = Row(topic=topic)
        for column in ordered:
            held = roles.get((topic, column.key), set())
            row.cells.append(tuple(r for r in ROLE_ORDER if r in held))
            for role in held:
                row.by_role.setdefault(role, []).append(column)
        row.by_role = {role: row.by_role[role] for role in ROLE_ORDER if role in row.by_role}
        row.leads = row.by_role.get("leder", [])
        rows.append(row)
    return Matrix(columns=ordered, rows=rows)
