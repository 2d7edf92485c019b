"""Reads and validates data/challenges/*.yaml (one file per challenge) into plain rows.

No database here: `load()` returns rows that actions.apply_challenge_data writes. Actor, region and theme
slugs are checked against the actors' reference data, and every problem names the file it is in. Every row
carries a `source:` URL; facts the sources do not confirm are written in `unconfirmed:`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krokarm.actors.reference_data import ReferenceDataError, _list, _mapping, _read_yaml, _strings, _text
from krokarm.strategies.reference_data import Known, _choice, _date, _slugs, _url

KINDS = ("generell", "platsbaserad")
STATUSES = ("forslag", "overenskommen", "pagaende", "avslutad")
ROLES = ("leder", "bidrar", "finansierar")
APPROACH_STATUSES = ("planerad", "pagar", "klar", "pausad")

__all__ = ["Known", "ReferenceDataError", "load"]


@dataclass(frozen=True)
class OutcomeRow:
    text: str
    indicator: str


@dataclass(frozen=True)
class ParticipantRow:
    actor: str
    role: str
    note: str
    source: str


@dataclass(frozen=True)
class ApproachRow:
    region: str
    summary: str
    measures: tuple[str, ...]
    status: str
    contact_name: str
    contact_email: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    unconfirmed: str
    source: str


@dataclass(frozen=True)
class ChallengeRow:
    file: str  # where in data/ the row is, e.g. "challenges/omstallning-till-ett-fossilfritt-samhalle.yaml"
    slug: str
    title: str
    goal: str
    description: str
    kind: str
    status: str
    lead: str
    themes: tuple[str, ...]
    unconfirmed: str
    source: str
    outcomes: tuple[OutcomeRow, ...]
    participants: tuple[ParticipantRow, ...]
    approaches: tuple[ApproachRow, ...]


def load(directory: Path, known: Known) -> list[ChallengeRow]:
    """Read every *.yaml in `directory`; raise ReferenceDataError naming the file on any problem."""
    rows = [_load_file(path, known) for path in sorted(directory.glob("*.yaml"))]
    seen: dict[str, str] = {}
    for row in rows:
        if row.slug in seen:
            raise ReferenceDataError(f"{row.file}: challenge slug {row.slug} is also used in {seen[row.slug]}")
        seen[row.slug] = row.file
    return rows


def _load_file(path: Path, known: Known) -> ChallengeRow:
    entry = _mapping(_read_yaml(path), path.name)
    where = path.name
    source = _url(entry, "source", where, required=True)
    lead = _text(entry, "lead", where, required=True)
    if lead not in known.actors:
        raise ReferenceDataError(f"{where}: unknown lead actor {lead}")
    return ChallengeRow(
        file=f"{path.parent.name}/{path.name}",
        slug=_text(entry, "slug", where, required=True),
        title=_text(entry, "title", where, required=True),
        goal=_text(entry, "goal", where, required=True),
        description=_text(entry, "description", where),
        kind=_choice(entry, "kind", KINDS, where),
        status=_choice(entry, "status", STATUSES, where),
        lead=lead,
        themes=_slugs(entry, "themes", known.themes, "theme", where),
        unconfirmed=_text(entry, "unconfirmed", where),
        source=source,
        outcomes=tuple(_outcome(raw, f"{where} outcome #{i}") for i, raw in enumerate(_items(entry, "outcomes"), 1)),
        participants=_participants(entry, known, where, lead, source),
        approaches=_approaches(entry, known, where, source),
    )


def _items(entry: dict[str, Any], key: str) -> list[Any]:
    return _list(entry.get(key), key)


def _outcome(raw: Any, where: str) -> OutcomeRow:
    item = _mapping(raw, where)
    return OutcomeRow(text=_text(item, "text", where, required=True), indicator=_text(item, "indicator", where))


def _participants(
    entry: dict[str, Any], known: Known, where: str, lead: str, source: str
) -> tuple[ParticipantRow, ...]:
    rows: list[ParticipantRow] = []
    seen = {lead}
    for index, raw in enumerate(_items(entry, "participants"), 1):
        place = f"{where} participant #{index}"
        item = _mapping(raw, place)
        actor = _text(item, "actor", place, required=True)
        if actor not in known.actors:
            raise ReferenceDataError(f"{place}: unknown actor {actor}")
        if actor in seen:
            raise ReferenceDataError(f"{place}: {actor} is listed twice (the lead takes part as 'leder' already)")
        seen.add(actor)
        rows.append(
            ParticipantRow(
                actor=actor,
                role=_choice(item, "role", ROLES, place),
                note=_text(item, "note", place),
                source=_url(item, "source", place, required=True),
            )
        )
    return tuple(rows)


def _approaches(entry: dict[str, Any], known: Known, where: str, source: str) -> tuple[ApproachRow, ...]:
    rows: list[ApproachRow] = []
    seen: set[str] = set()
    for index, raw in enumerate(_items(entry, "approaches"), 1):
        place = f"{where} approach #{index}"
        item = _mapping(raw, place)
        region = _text(item, "region", place, required=True)
        if region not in known.regions:
            raise ReferenceDataError(f"{place}: {region} is not a region")
        if region in seen:
            raise ReferenceDataError(f"{place}: a region has one approach; {region} appears twice")
        seen.add(region)
        starts_on, ends_on = _date(item, "starts_on", place), _date(item, "ends_on", place)
        if starts_on and ends_on and ends_on < starts_on:
            raise ReferenceDataError(f"{place}: ends_on is before starts_on")
        email = _text(item, "contact_email", place)
        if email and ("@" not in email or " " in email):
            raise ReferenceDataError(f"{place}: contact_email is not an e-mail address")
        rows.append(
            ApproachRow(
                region=region,
                summary=_text(item, "summary", place, required=True),
                measures=_strings(item, "measures", place),
                status=_choice(item, "status", APPROACH_STATUSES, place),
                contact_name=_text(item, "contact_name", place),
                contact_email=email,
                starts_on=starts_on,
                ends_on=ends_on,
                unconfirmed=_text(item, "unconfirmed", place),
                source=_url(item, "source", place, required=True),
            )
        )
    return tuple(rows)
