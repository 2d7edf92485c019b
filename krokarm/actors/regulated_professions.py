"""Reads data/actors/regulated_professions.yaml: the professions regulated in Sweden and who grants each.

Plain rows, no database. The list is not seeded as its own table: it is what the catalogue's coverage is
checked against (every authority named here must be an actor that leads the foreign-qualifications topic and
names the profession), so a reviewer sees in one file which licences the way in should know about.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from krokarm.actors.reference_data import (
    Dataset,
    ReferenceDataError,
    _list,
    _mapping,
    _read_yaml,
    _text,
    checked_on,
)
from krokarm.lib.text import fold

FILE = "regulated_professions.yaml"
# The topic of data/themes.yaml under which authorities describe how a licence is granted.
TOPIC = "utlandsk-utbildning"


@dataclass(frozen=True)
class RegulatedProfession:
    profession: str
    authority: str
    licence: str
    source_url: str


@dataclass(frozen=True)
class RegulatedProfessions:
    checked_on: datetime.date | None
    professions: list[RegulatedProfession]


def load(data_dir: Path) -> RegulatedProfessions:
    """The rows of data/actors/regulated_professions.yaml; raise ReferenceDataError naming the row on a bad one."""
    document = _mapping(_read_yaml(data_dir / "actors" / FILE), FILE)
    rows: list[RegulatedProfession] = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(document.get("professions"), f"{FILE} professions"), start=1):
        entry = _mapping(raw, f"{FILE} profession #{index}")
        where = f"{FILE} profession #{index} ({entry.get('profession', '?')})"
        row = RegulatedProfession(
            profession=_text(entry, "profession", where, required=True),
            authority=_text(entry, "authority", where, required=True),
            licence=_text(entry, "licence", where, required=True),
            source_url=_text(entry, "source_url", where, required=True),
        )
        if row.profession.casefold() in seen:
            raise ReferenceDataError(f"{where}: the profession is listed twice")
        seen.add(row.profession.casefold())
        rows.append(row)
    return RegulatedProfessions(checked_on(document, FILE, required=True), rows)


def coverage_problems(professions: RegulatedProfessions, dataset: Dataset) -> list[str]:
    """One line per profession whose authority is not an actor that leads TOPIC and names the profession.

    The profession must appear (folded) in the description of one of the authority's `leder` responsibilities on
    TOPIC, or in the name or description of one of its services on TOPIC, so that the way in, which reads those
    texts, can route a question about that profession. (A service suits a title protected by a certificate, such as
    undersköterska: named in the responsibility, every question about the occupation would lead to the licence.)"""
    actors = {actor.slug: actor for actor in dataset.actors}
    problems = []
    for row in professions.professions:
        actor = actors.get(row.authority)
        if actor is None:
            problems.append(f"{row.profession}: {row.authority} is not an actor in data/actors/")
            continue
        leads = [r for r in actor.responsibilities if r.topic == TOPIC and r.role == "leder"]
        if not leads:
            problems.append(f"{row.profession}: {row.authority} has no 'leder' responsibility on {TOPIC}")
        else:
            texts = [r.description for r in leads]
            texts += [f"{s.name} {s.description}" for s in actor.services if s.topic == TOPIC]
            if not any(fold(row.profession) in fold(text) for text in texts):
                problems.append(f"{row.profession}: no 'leder' description or service of {row.authority} on {TOPIC}")
    return problems
