"""Reads and validates data/knowledge/*.yaml into plain rows (see data/knowledge/README.md).

No database here: `load()` returns rows that actions.apply_knowledge_data writes. Owners, reusing actors,
regions, themes and challenges are checked against the other reference data, and every problem is reported
with the file and item it is in, like krokarm.actors.reference_data. A challenge that data/challenges does
not (yet) describe stops the seed with a clear error rather than being skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krokarm.actors import reference_data as actors_ref
from krokarm.actors.reference_data import ReferenceDataError, _list, _mapping, _read_yaml, _strings, _text

KINDS = ("rapport", "analys", "dataset", "gott-exempel", "metod")
ACCESS = ("oppen", "pa-begaran")

__all__ = ["Known", "ReferenceDataError", "load"]


@dataclass(frozen=True)
class ReuseRow:
    actor: str
    text: str
    reused_on: datetime.date | None
    source_url: str


@dataclass(frozen=True)
class ItemRow:
    slug: str
    kind: str
    title: str
    owner: str
    summary: str
    themes: tuple[str, ...]
    regions: tuple[str, ...]
    challenges: tuple[str, ...]
    link: str
    access: str
    published_on: datetime.date | None
    source_url: str
    file: str  # where in data/ the item is described, e.g. "knowledge/scb.yaml"
    reuses: tuple[ReuseRow, ...] = ()


@dataclass(frozen=True)
class Known:
    """What the files may refer to."""

    actors: frozenset[str]
    regions: frozenset[str]
    themes: frozenset[str]
    challenges: frozenset[str]

    @classmethod
    def from_dataset(cls, dataset: actors_ref.Dataset, challenges: Iterable[str]) -> Known:
        return cls(
            actors=frozenset(a.slug for a in dataset.actors),
            regions=frozenset(a.slug for a in dataset.actors if a.kind == "region"),
            themes=frozenset(t.slug for t in dataset.themes),
            challenges=frozenset(challenges),
        )


def load(directory: Path, known: Known) -> list[ItemRow]:
    """Read every *.yaml in `directory`; raise ReferenceDataError naming the file and item on any problem."""
    rows: list[ItemRow] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        document = _mapping(_read_yaml(path), path.name)
        for index, raw in enumerate(_list(document.get("items"), f"{path.name} items")):
            row = _item(_mapping(raw, f"{path.name} item #{index + 1}"), known, path.name, index)
            if row.slug in seen:
                raise ReferenceDataError(f"{path.name} ({row.slug}): the slug is also used in {seen[row.slug]}")
            seen[row.slug] = path.name
            rows.append(row)
    return rows


def _item(entry: dict[str, Any], known: Known, file: str, index: int) -> ItemRow:
    slug = _text(entry, "slug", f"{file} item #{index + 1}", required=True)
    where = f"{file} ({slug})"
    owner = _text(entry, "owner", where, required=True)
    if owner not in known.actors:
        raise ReferenceDataError(f"{where}: owner {owner} is not an actor in data/actors")
    link = _url(entry, "link", where)
    if not link:
        raise ReferenceDataError(f"{where}: 'link' is required (seeded items point at a public page)")
    reuses = []
    for number, raw in enumerate(_list(entry.get("reuses"), f"{where} reuses")):
        place = f"{where} reuse #{number + 1}"
        reuse = _mapping(raw, place)
        actor = _text(reuse, "actor", place, required=True)
        if actor not in known.actors:
            raise ReferenceDataError(f"{place}: {actor} is not an actor in data/actors")
        if actor == owner:
            raise ReferenceDataError(f"{place}: the owner cannot reuse its own item")
        reuses.append(
            ReuseRow(
                actor=actor,
                text=_text(reuse, "text", place, required=True),
                reused_on=_date(reuse, "reused_on", place),
                source_url=_url(reuse, "source", place, required=True),
            )
        )
    if len({r.actor for r in reuses}) != len(reuses):
        raise ReferenceDataError(f"{where}: an actor reuses the item twice")
    return ItemRow(
        slug=slug,
        kind=_choice(entry, "kind", KINDS, where),
        title=_text(entry, "title", where, required=True),
        owner=owner,
        summary=_text(entry, "summary", where, required=True),
        themes=_slugs(entry, "themes", known.themes, "theme (data/themes.yaml)", where),
        regions=_slugs(entry, "regions", known.regions, "region (data/actors/regions.yaml)", where),
        challenges=_slugs(entry, "challenges", known.challenges, "challenge (data/challenges/*.yaml)", where),
        link=link,
        access=_choice(entry, "access", ACCESS, where),
        published_on=_date(entry, "published_on", where),
        source_url=_url(entry, "source", where, required=True),
        file=f"knowledge/{file}",
        reuses=tuple(reuses),
    )


def _slugs(entry: dict[str, Any], key: str, allowed: frozenset[str], what: str, where: str) -> tuple[str, ...]:
    values = _strings(entry, key, where)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ReferenceDataError(f"{where}: unknown {what}: {', '.join(unknown)}")
    return values


def _choice(entry: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = _text(entry, key, where, required=True)
    if value not in choices:
        raise ReferenceDataError(f"{where}: '{key}' must be one of {', '.join(choices)}, not {value!r}")
    return value


def _url(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = _text(entry, key, where, required=required)
    if value and not value.startswith(("https://", "http://")):
        raise ReferenceDataError(f"{where}: '{key}' must be a web address starting with https:// or http://")
    return value


def _date(entry: dict[str, Any], key: str, where: str) -> datetime.date | None:
    value = entry.get(key)
    if value is None or value == "":
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
