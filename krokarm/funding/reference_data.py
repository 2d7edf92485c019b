"""Reads and validates data/funding/programmes.yaml into plain rows.

No database here: `load()` returns rows that actions.apply_programme_data writes. References to actors,
themes, counties and parent programmes are checked against the actors' reference data, and every problem is
reported with the programme it is in, like krokarm.actors.reference_data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krokarm.actors import reference_data as actors_ref
from krokarm.actors.reference_data import (
    ReferenceDataError,
    _list,
    _mapping,
    _read_yaml,
    _strings,
    _text,
    checked_on,
)

FUNDS = ("eruf", "esf", "fro", "interreg")
KINDS = ("regional", "national", "cross_border", "transnational", "interregional")
PARTS = ("programme", "area", "regional_plan")
TARGETS = ("individer", "foretag", "organisationer")
HOWS = ("direkt", "genom_projekt")
ALL_COUNTIES = "all"

__all__ = ["ReferenceDataError", "load"]


@dataclass(frozen=True)
class ReachRow:
    target: str
    how: str
    note: str


@dataclass(frozen=True)
class ProgrammeRow:
    slug: str
    fund: str
    name: str
    kind: str
    part: str
    parent: str
    managing_authority: str
    managing_authority_text: str
    summary: str
    who_may_apply: str
    budget: str
    period: str
    confirmed: bool
    unconfirmed: str
    source_url: str
    order: int
    themes: tuple[str, ...]
    counties: tuple[str, ...]
    reach: tuple[ReachRow, ...]
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class Known:
    """What the file may refer to: actor, theme and county slugs."""

    actors: frozenset[str]
    themes: frozenset[str]
    counties: tuple[str, ...]

    @classmethod
    def from_dataset(cls, dataset: actors_ref.Dataset) -> Known:
        return cls(
            actors=frozenset(a.slug for a in dataset.actors),
            themes=frozenset(t.slug for t in dataset.themes),
            counties=tuple(c.slug for c in dataset.counties),
        )


def load(path: Path, known: Known) -> list[ProgrammeRow]:
    """Read the programmes file; raise ReferenceDataError naming the programme on any problem.

    The file is a mapping: `checked_on` (the day its facts were last compared with their sources) and
    `programmes`, the list; a programme may carry its own `checked_on`."""
    document = _mapping(_read_yaml(path), f"{path.name} (a mapping with 'checked_on' and 'programmes')")
    checked = checked_on(document, path.name, required=True)
    entries = _list(document.get("programmes"), f"{path.name} programmes")
    rows = [
        _programme(_mapping(raw, f"{path.name} #{n}"), n, known, path.name, checked) for n, raw in enumerate(entries, 1)
    ]
    slugs: set[str] = set()
    for row in rows:
        if row.slug in slugs:
            raise ReferenceDataError(f"{path.name} ({row.slug}): the slug appears twice")
        slugs.add(row.slug)
    parents = {row.slug: row for row in rows}
    for row in rows:
        where = f"{path.name} ({row.slug})"
        if row.part == "programme" and row.parent:
            raise ReferenceDataError(f"{where}: a programme has no parent; give 'part: area' or 'part: regional_plan'")
        if row.part != "programme":
            parent = parents.get(row.parent)
            if parent is None or parent.part != "programme":
                raise ReferenceDataError(f"{where}: 'parent' must name a programme earlier or later in the file")
    # Parents first, so that the writer can point children at them.
    return sorted(rows, key=lambda row: row.part != "programme")


def _choice(entry: dict[str, Any], key: str, choices: tuple[str, ...], where: str, default: str = "") -> str:
    value = _text(entry, key, where, required=not default) or default
    if value not in choices:
        raise ReferenceDataError(f"{where}: '{key}' must be one of {', '.join(choices)}, not {value!r}")
    return value


def _slugs(entry: dict[str, Any], key: str, allowed: frozenset[str], what: str, where: str) -> tuple[str, ...]:
    values = _strings(entry, key, where)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ReferenceDataError(f"{where}: unknown {what} {', '.join(unknown)}")
    return values


def _counties(entry: dict[str, Any], known: Known, where: str) -> tuple[str, ...]:
    if entry.get("counties") == ALL_COUNTIES:
        return known.counties
    counties = _slugs(entry, "counties", frozenset(known.counties), "county", where)
    if not counties:
        raise ReferenceDataError(f"{where}: list the counties the programme covers, or write 'counties: all'")
    return counties


def _reach(entry: dict[str, Any], where: str) -> tuple[ReachRow, ...]:
    rows = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(entry.get("reach"), f"{where} reach")):
        place = f"{where} reach #{index + 1}"
        item = _mapping(raw, place)
        target = _choice(item, "target", TARGETS, place)
        if target in seen:
            raise ReferenceDataError(f"{place}: {target} appears twice")
        seen.add(target)
        how = _choice(item, "how", HOWS, place)
        # No EU programme lets private individuals apply (DOMAIN.md 7.4): they take part in projects.
        if target == "individer" and how != "genom_projekt":
            raise ReferenceDataError(f"{place}: individuals are reached 'genom_projekt', they never apply")
        rows.append(ReachRow(target=target, how=how, note=_text(item, "note", place)))
    return tuple(rows)


def _programme(
    entry: dict[str, Any], number: int, known: Known, file: str, checked: datetime.date | None
) -> ProgrammeRow:
    slug = _text(entry, "slug", f"{file} #{number}", required=True)
    where = f"{file} ({slug})"
    authority = _text(entry, "managing_authority", where)
    authority_text = _text(entry, "managing_authority_text", where)
    if authority and authority not in known.actors:
        raise ReferenceDataError(f"{where}: unknown actor {authority} as managing_authority")
    if not authority and not authority_text:
        raise ReferenceDataError(f"{where}: give 'managing_authority' (an actor) or 'managing_authority_text'")
    source = _text(entry, "source", where, required=True)
    if not source.startswith(("https://", "http://")):
        raise ReferenceDataError(f"{where}: 'source' must be a web address starting with https:// or http://")
    confirmed = entry.get("confirmed", True)
    if not isinstance(confirmed, bool):
        raise ReferenceDataError(f"{where}: 'confirmed' must be true or false")
    return ProgrammeRow(
        slug=slug,
        fund=_choice(entry, "fund", FUNDS, where),
        name=_text(entry, "name", where, required=True),
        kind=_choice(entry, "kind", KINDS, where),
        part=_choice(entry, "part", PARTS, where, default="programme"),
        parent=_text(entry, "parent", where),
        managing_authority=authority,
        managing_authority_text=authority_text,
        summary=_text(entry, "summary", where),
        who_may_apply=_text(entry, "who_may_apply", where, required=True),
        budget=_text(entry, "budget", where),
        period=_text(entry, "period", where) or "2021–2027",
        confirmed=confirmed,
        unconfirmed=_text(entry, "unconfirmed", where),
        source_url=source,
        order=number,
        themes=_slugs(entry, "themes", known.themes, "theme", where),
        counties=_counties(entry, known, where),
        reach=_reach(entry, where),
        checked_on=checked_on(entry, where, default=checked),
    )
