"""Reads and validates data/strategies/*.yaml (one file per region) into plain rows.

No database here: `load()` returns rows that actions.apply_strategy_data writes. References to
regions, agencies and themes are checked against the actors' reference data, and every problem is
reported with the file and region it is in, like krokarm.actors.reference_data.
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

STATUSES = ("revidering", "genomforande", "uppfoljning")
# The order of a RUS process (DOMAIN.md 2.3); also the order phases are listed in.
PHASE_KINDS = ("startbeslut", "analys", "dialog", "forslag", "remiss", "beslut", "genomforande", "uppfoljning")
ENTRY_KINDS = ("underlag", "dialog", "remissvar", "genomforande")
DEFAULT_DECISION_BODY = "Regionfullmäktige"

__all__ = ["ReferenceDataError", "load"]


@dataclass(frozen=True)
class PriorityRow:
    title: str
    areas: tuple[str, ...]
    source_url: str


@dataclass(frozen=True)
class EntryPointRow:
    kind: str
    title: str
    description: str
    opens_on: datetime.date
    closes_on: datetime.date
    contact_name: str
    contact_email: str
    invited: tuple[str, ...]
    themes: tuple[str, ...]
    source_url: str
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class PhaseRow:
    kind: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    planned: bool
    note: str
    source_url: str
    entry_points: tuple[EntryPointRow, ...] = ()
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class ProcessRow:
    title: str
    status: str
    description: str
    source_url: str
    phases: tuple[PhaseRow, ...]
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class StrategyRow:
    slug: str
    name: str
    adopted_on: datetime.date | None
    adopted_text: str
    revised_on: datetime.date | None
    revised_text: str
    decision_body: str
    horizon: str
    url: str
    summary: str
    unconfirmed: str
    source_url: str
    priorities: tuple[PriorityRow, ...] = ()
    checked_on: datetime.date | None = None


@dataclass
class RegionStrategyRow:
    """One file: a region's current strategy and the process it is in."""

    region: str
    file: str  # where in data/ the region is described, e.g. "strategies/region-skane.yaml"
    strategy: StrategyRow
    process: ProcessRow | None = None
    checked_on: datetime.date | None = None  # the file's: when its facts were last compared with their sources


@dataclass(frozen=True)
class Known:
    """What the files may refer to: region and actor slugs, national areas and all theme slugs."""

    regions: frozenset[str]
    actors: frozenset[str]
    areas: frozenset[str]
    themes: frozenset[str]

    @classmethod
    def from_dataset(cls, dataset: actors_ref.Dataset) -> Known:
        return cls(
            regions=frozenset(a.slug for a in dataset.actors if a.kind == "region"),
            actors=frozenset(a.slug for a in dataset.actors),
            areas=frozenset(t.slug for t in dataset.themes if t.kind == "strategic_area"),
            themes=frozenset(t.slug for t in dataset.themes),
        )


def load(directory: Path, known: Known) -> list[RegionStrategyRow]:
    """Read every *.yaml in `directory`; raise ReferenceDataError naming the file and region on any problem."""
    rows = [_load_file(path, known) for path in sorted(directory.glob("*.yaml"))]
    problems: list[str] = []
    seen_regions: dict[str, str] = {}
    seen_slugs: dict[str, str] = {}
    for row in rows:
        if row.region in seen_regions:
            problems.append(f"{row.file}: region {row.region} is already described in {seen_regions[row.region]}")
        seen_regions[row.region] = row.file
        if row.strategy.slug in seen_slugs:
            problems.append(
                f"{row.file}: strategy slug {row.strategy.slug} is also used in {seen_slugs[row.strategy.slug]}"
            )
        seen_slugs[row.strategy.slug] = row.file
    if problems:
        raise ReferenceDataError("; ".join(problems))
    return rows


def _date(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> datetime.date | None:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise ReferenceDataError(f"{where}: '{key}' is required")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ReferenceDataError(f"{where}: '{key}' must be a date written YYYY-MM-DD")


def _bool(entry: dict[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ReferenceDataError(f"{where}: '{key}' must be true or false")
    return value


def _url(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = _text(entry, key, where, required=required)
    if value and not value.startswith(("https://", "http://")):
        raise ReferenceDataError(f"{where}: '{key}' must be a web address starting with https:// or http://")
    return value


def _choice(entry: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = _text(entry, key, where, required=True)
    if value not in choices:
        raise ReferenceDataError(f"{where}: '{key}' must be one of {', '.join(choices)}, not {value!r}")
    return value


def _slugs(entry: dict[str, Any], key: str, allowed: frozenset[str], what: str, where: str) -> tuple[str, ...]:
    values = _strings(entry, key, where)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ReferenceDataError(f"{where}: unknown {what} {', '.join(unknown)}")
    return values


def _load_file(path: Path, known: Known) -> RegionStrategyRow:
    document = _mapping(_read_yaml(path), f"{path.name}")
    region = _text(document, "region", path.name, required=True)
    where = f"{path.name} ({region})"
    if region not in known.regions:
        raise ReferenceDataError(f"{where}: {region} is not a region in data/actors/regions.yaml")
    checked = checked_on(document, where, required=True)
    strategy = _strategy(_mapping(document.get("strategy"), f"{where} strategy"), known, f"{where} strategy", checked)
    process = None
    if document.get("process") is not None:
        process = _process(_mapping(document["process"], f"{where} process"), known, f"{where} process", checked)
    return RegionStrategyRow(
        region=region, file=f"strategies/{path.name}", strategy=strategy, process=process, checked_on=checked
    )


def _strategy(entry: dict[str, Any], known: Known, where: str, checked: datetime.date | None) -> StrategyRow:
    adopted_on = _date(entry, "adopted_on", where)
    adopted_text = _text(entry, "adopted_text", where)
    if adopted_on is None and not adopted_text:
        raise ReferenceDataError(f"{where}: give 'adopted_on' (a date) or 'adopted_text' (e.g. 'våren 2018')")
    source_url = _url(entry, "source_url", where, required=True)
    priorities = []
    titles: set[str] = set()
    for index, raw in enumerate(_list(entry.get("priorities"), f"{where} priorities")):
        place = f"{where} priority #{index + 1}"
        item = _mapping(raw, place)
        title = _text(item, "title", place, required=True)
        if title in titles:
            raise ReferenceDataError(f"{place}: {title!r} appears twice")
        titles.add(title)
        priorities.append(
            PriorityRow(
                title=title,
                areas=_slugs(item, "areas", known.areas, "national strategic area", place),
                source_url=_url(item, "source_url", place) or source_url,
            )
        )
    return StrategyRow(
        slug=_text(entry, "slug", where, required=True),
        name=_text(entry, "name", where, required=True),
        adopted_on=adopted_on,
        adopted_text=adopted_text,
        revised_on=_date(entry, "revised_on", where),
        revised_text=_text(entry, "revised_text", where),
        decision_body=_text(entry, "decision_body", where) or DEFAULT_DECISION_BODY,
        horizon=_text(entry, "horizon", where),
        url=_url(entry, "url", where),
        summary=_text(entry, "summary", where),
        unconfirmed=_text(entry, "unconfirmed", where),
        source_url=source_url,
        priorities=tuple(priorities),
        checked_on=checked_on(entry, where, default=checked),
    )


def _process(entry: dict[str, Any], known: Known, where: str, checked: datetime.date | None) -> ProcessRow:
    source_url = _url(entry, "source_url", where, required=True)
    process_checked = checked_on(entry, where, default=checked)
    phases = []
    kinds: set[str] = set()
    for index, raw in enumerate(_list(entry.get("phases"), f"{where} phases")):
        place = f"{where} phase #{index + 1}"
        item = _mapping(raw, place)
        kind = _choice(item, "kind", PHASE_KINDS, place)
        if kind in kinds:
            raise ReferenceDataError(f"{place}: a process has one phase of each kind; {kind} appears twice")
        kinds.add(kind)
        starts_on, ends_on = _date(item, "starts_on", place), _date(item, "ends_on", place)
        if starts_on and ends_on and ends_on < starts_on:
            raise ReferenceDataError(f"{place}: ends_on is before starts_on")
        phase_source = _url(item, "source_url", place) or source_url
        phase_checked = checked_on(item, place, default=process_checked)
        phases.append(
            PhaseRow(
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                planned=_bool(item, "planned", place),
                note=_text(item, "note", place),
                source_url=phase_source,
                entry_points=_entry_points(item, known, place, phase_source, phase_checked),
                checked_on=phase_checked,
            )
        )
    return ProcessRow(
        title=_text(entry, "title", where, required=True),
        status=_choice(entry, "status", STATUSES, where),
        description=_text(entry, "description", where),
        source_url=source_url,
        phases=tuple(phases),
        checked_on=process_checked,
    )


def _entry_points(
    entry: dict[str, Any], known: Known, where: str, source_url: str, checked: datetime.date | None
) -> tuple[EntryPointRow, ...]:
    rows = []
    titles: set[str] = set()
    for index, raw in enumerate(_list(entry.get("entry_points"), f"{where} entry_points")):
        place = f"{where} entry point #{index + 1}"
        item = _mapping(raw, place)
        title = _text(item, "title", place, required=True)
        if title in titles:
            raise ReferenceDataError(f"{place}: {title!r} appears twice")
        titles.add(title)
        closes_on = _date(item, "closes_on", place, required=True)
        assert closes_on is not None
        # When a source gives only the last day, the window is that day: the description says so.
        opens_on = _date(item, "opens_on", place) or closes_on
        if closes_on < opens_on:
            raise ReferenceDataError(f"{place}: closes_on is before opens_on")
        email = _text(item, "contact_email", place)
        if email and ("@" not in email or " " in email):
            raise ReferenceDataError(f"{place}: contact_email is not an e-mail address")
        rows.append(
            EntryPointRow(
                kind=_choice(item, "kind", ENTRY_KINDS, place),
                title=title,
                description=_text(item, "description", place, required=True),
                opens_on=opens_on,
                closes_on=closes_on,
                contact_name=_text(item, "contact_name", place),
                contact_email=email,
                invited=_slugs(item, "invited", known.actors, "actor", place),
                themes=_slugs(item, "themes", known.themes, "theme", place),
                source_url=_url(item, "source_url", place) or source_url,
                checked_on=checked_on(item, place, default=checked),
            )
        )
    return tuple(rows)
