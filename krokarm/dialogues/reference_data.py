"""Reads and validates data/dialogues/*.yaml (one file per event) into plain rows.

No database here: `load()` returns rows that seeding.apply_dialogue_data writes. Actor, theme and challenge
slugs are checked against the reference data, and every problem names the file it is in. Every event carries a
`source:` URL; what the sources do not confirm is written in `unconfirmed:` and shown on the event's page as
the last paragraph of its description. Times are written with their UTC offset (2027-03-10T13:00:00+01:00);
an event of which only the day is known gives `date: 2019-12-03` instead and is all-day (no times, no agenda).

`reconstructed: true` marks what krokarm reconstructed or made up as an example (issue 16); sessions inherit it
from their event, notes and proposals from their session, and a next step in the files is always krokarm's own
proposal unless it says `reconstructed: false`. A reconstructed next step names no owner, has no progress note
and is not "klar": no real organisation is shown committing to what it never decided. An event without an
`organiser` must be a reconstructed example.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from krokarm.actors.reference_data import ReferenceDataError, _list, _mapping, _read_yaml, _strings, _text
from krokarm.strategies.reference_data import Known, _bool, _choice, _date, _url

KINDS = ("dialogdag", "natverksmote", "webbinarium")
NOTE_KINDS = ("anteckning", "insikt")
PROPOSAL_STATUSES = ("nytt", "omsatt", "avslaget")
FOLLOWUP_STATUSES = ("planerad", "pagar", "klar", "stoppad")
# How the description introduces what the sources do not confirm.
UNCONFIRMED_PREFIX = "Om uppgifterna: "
# The day of an all-day event starts and ends at midnight, Swedish time.
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")

__all__ = ["Known", "ReferenceDataError", "load"]


@dataclass(frozen=True)
class NoteRow:
    kind: str
    text: str
    reconstructed: bool


@dataclass(frozen=True)
class FollowUpRow:
    title: str
    description: str
    owner: str
    due_on: datetime.date
    status: str
    link: str
    progress: str
    reconstructed: bool


@dataclass(frozen=True)
class ProposalRow:
    title: str
    text: str
    theme: str
    challenge: str
    status: str
    reconstructed: bool
    source: str
    supporters: tuple[str, ...]
    followups: tuple[FollowUpRow, ...]


@dataclass(frozen=True)
class SessionRow:
    title: str
    theme: str
    facilitator_name: str
    starts_at: datetime.datetime | None
    description: str
    participants: tuple[str, ...]
    reconstructed: bool
    notes: tuple[NoteRow, ...]
    proposals: tuple[ProposalRow, ...]


@dataclass(frozen=True)
class EventRow:
    file: str
    slug: str
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    place: str
    online_url: str
    organiser: str  # "" for an example event no organisation has announced
    invited: tuple[str, ...]
    description: str
    agenda: str
    capacity: int | None
    registration_closes_at: datetime.datetime | None
    source: str
    reconstructed: bool
    sessions: tuple[SessionRow, ...]


def load(directory: Path, known: Known, challenges: frozenset[str] = frozenset()) -> list[EventRow]:
    """Read every *.yaml in `directory`; raise ReferenceDataError naming the file on any problem.
    `challenges` are the challenge slugs a proposal may name."""
    rows = [_load_file(path, known, challenges) for path in sorted(directory.glob("*.yaml"))]
    seen: dict[str, str] = {}
    for row in rows:
        if row.slug in seen:
            raise ReferenceDataError(f"{row.file}: event slug {row.slug} is also used in {seen[row.slug]}")
        seen[row.slug] = row.file
    return rows


def _load_file(path: Path, known: Known, challenges: frozenset[str]) -> EventRow:
    entry = _mapping(_read_yaml(path), path.name)
    where = path.name
    reconstructed = _bool(entry, "reconstructed", where)
    organiser = _actor(entry, "organiser", known, where, required=not reconstructed)
    invited = _actors(entry, "invited", known, where)
    if entry.get("invite_all_regions") is True:
        invited = tuple(sorted(known.regions)) + tuple(slug for slug in invited if slug not in known.regions)
    all_day = "date" in entry
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    if all_day:
        starts_at, ends_at = _whole_day(entry, where)
    else:
        starts_at = _datetime(entry, "starts_at", where, required=True)
        ends_at = _datetime(entry, "ends_at", where, required=True)
    closes_at = _datetime(entry, "registration_closes_at", where)
    assert starts_at is not None and ends_at is not None
    if ends_at < starts_at:
        raise ReferenceDataError(f"{where}: ends_at is before starts_at")
    if closes_at is not None and closes_at > starts_at:
        raise ReferenceDataError(f"{where}: registration_closes_at is after starts_at")
    capacity = entry.get("capacity")
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1):
        raise ReferenceDataError(f"{where}: 'capacity' must be a whole number, 1 or more")
    description = _text(entry, "description", where)
    unconfirmed = _text(entry, "unconfirmed", where)
    if unconfirmed:
        description = f"{description}\n\n{UNCONFIRMED_PREFIX}{unconfirmed}".strip()
    agenda = _strings(entry, "agenda", where)
    if all_day and agenda:
        raise ReferenceDataError(f"{where}: an all-day event (date:) has no known times, so no agenda")
    for item in agenda:
        if len(item) < 6 or item[2] != ":" or not item[:2].isdigit() or not item[3:5].isdigit():
            raise ReferenceDataError(f"{where}: agenda item {item!r} must start with a time, 'HH:MM Rubrik'")
    return EventRow(
        file=path.name,
        slug=_text(entry, "slug", where, required=True),
        title=_text(entry, "title", where, required=True),
        kind=_choice(entry, "kind", KINDS, where),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        place=_text(entry, "place", where),
        online_url=_url(entry, "online_url", where),
        organiser=organiser,
        invited=invited,
        description=description,
        agenda="\n".join(agenda),
        capacity=capacity,
        registration_closes_at=closes_at,
        source=_url(entry, "source", where, required=True),
        reconstructed=reconstructed,
        sessions=tuple(
            _session(raw, known, challenges, invited, reconstructed, all_day, f"{where} session #{i}")
            for i, raw in enumerate(_list(entry.get("sessions"), f"{where} sessions"), 1)
        ),
    )


def _whole_day(entry: dict[str, Any], where: str) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight (Swedish time) of an all-day event's `date`, in UTC; no times may be given with it."""
    if "starts_at" in entry or "ends_at" in entry:
        raise ReferenceDataError(f"{where}: give either 'date' (all-day) or 'starts_at' and 'ends_at', not both")
    day = _date(entry, "date", where, required=True)
    assert day is not None
    return whole_day(day)


def whole_day(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight to midnight (Swedish time) of `day`, in UTC: how an all-day event is stored (models.Event.all_day),
    whether the files or the event form give it."""
    start = datetime.datetime.combine(day, datetime.time(), SWEDISH_TIME)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), SWEDISH_TIME)
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def _inherited(entry: dict[str, Any], where: str, default: bool) -> bool:
    """`reconstructed` as the row gives it, else as its parent is."""
    return _bool(entry, "reconstructed", where) if "reconstructed" in entry else default


def _session(
    raw: Any,
    known: Known,
    challenges: frozenset[str],
    invited: tuple[str, ...],
    event_reconstructed: bool,
    all_day: bool,
    where: str,
) -> SessionRow:
    item = _mapping(raw, where)
    participants = invited if item.get("participants") == "invited" else _actors(item, "participants", known, where)
    reconstructed = _inherited(item, where, event_reconstructed)
    starts_at = _datetime(item, "starts_at", where)
    if all_day and starts_at is not None:
        raise ReferenceDataError(f"{where}: a session of an all-day event has no known start time")
    return SessionRow(
        title=_text(item, "title", where, required=True),
        theme=_theme(item, known, where),
        facilitator_name=_text(item, "facilitator_name", where),
        starts_at=starts_at,
        description=_text(item, "description", where),
        participants=participants,
        reconstructed=reconstructed,
        notes=tuple(
            NoteRow(
                kind=_choice(_mapping(note, f"{where} note #{i}"), "kind", NOTE_KINDS, f"{where} note #{i}"),
                text=_text(note, "text", f"{where} note #{i}", required=True),
                reconstructed=_inherited(note, f"{where} note #{i}", reconstructed),
            )
            for i, note in enumerate(_list(item.get("notes"), f"{where} notes"), 1)
        ),
        proposals=tuple(
            _proposal(p, known, challenges, reconstructed, f"{where} proposal #{i}")
            for i, p in enumerate(_list(item.get("proposals"), f"{where} proposals"), 1)
        ),
    )


def _proposal(
    raw: Any, known: Known, challenges: frozenset[str], session_reconstructed: bool, where: str
) -> ProposalRow:
    item = _mapping(raw, where)
    challenge = _text(item, "challenge", where)
    if challenge and challenge not in challenges:
        raise ReferenceDataError(f"{where}: unknown challenge {challenge}")
    reconstructed = _inherited(item, where, session_reconstructed)
    source = _text(item, "source", where)
    if session_reconstructed and not reconstructed and not source:
        raise ReferenceDataError(f"{where}: a confirmed proposal in a reconstructed session needs a 'source'")
    return ProposalRow(
        title=_text(item, "title", where, required=True),
        text=_text(item, "text", where, required=True),
        theme=_theme(item, known, where),
        challenge=challenge,
        status=_choice(item, "status", PROPOSAL_STATUSES, where),
        reconstructed=reconstructed,
        source=source,
        supporters=_actors(item, "supporters", known, where),
        followups=tuple(
            _followup(f, known, f"{where} follow-up #{i}")
            for i, f in enumerate(_list(item.get("followups"), f"{where} followups"), 1)
        ),
    )


def _followup(raw: Any, known: Known, where: str) -> FollowUpRow:
    item = _mapping(raw, where)
    link = _text(item, "link", where)
    if link and (not link.startswith("/") or link.startswith("//")):
        raise ReferenceDataError(f"{where}: 'link' must be a path inside krokarm, starting with /")
    due_on = _date(item, "due_on", where, required=True)
    assert due_on is not None
    reconstructed = _inherited(item, where, True)
    owner = _actor(item, "owner", known, where, required=not reconstructed)
    status = _choice(item, "status", FOLLOWUP_STATUSES, where)
    progress = _text(item, "progress", where)
    if reconstructed and (owner or progress or status == "klar"):
        raise ReferenceDataError(
            f"{where}: a next step krokarm proposes has no owner, no progress note and is not 'klar' "
            "(set reconstructed: false only for a step an organisation has publicly taken on)"
        )
    return FollowUpRow(
        title=_text(item, "title", where, required=True),
        description=_text(item, "description", where),
        owner=owner,
        due_on=due_on,
        status=status,
        link=link,
        progress=progress,
        reconstructed=reconstructed,
    )


def _actor(entry: dict[str, Any], key: str, known: Known, where: str, *, required: bool = True) -> str:
    slug = _text(entry, key, where, required=required)
    if slug and slug not in known.actors:
        raise ReferenceDataError(f"{where}: unknown {key} actor {slug}")
    return slug


def _actors(entry: dict[str, Any], key: str, known: Known, where: str) -> tuple[str, ...]:
    slugs = _strings(entry, key, where)
    unknown = [slug for slug in slugs if slug not in known.actors]
    if unknown:
        raise ReferenceDataError(f"{where}: unknown actor {', '.join(unknown)} in '{key}'")
    if len(set(slugs)) != len(slugs):
        raise ReferenceDataError(f"{where}: an actor is listed twice in '{key}'")
    return slugs


def _theme(entry: dict[str, Any], known: Known, where: str) -> str:
    slug = _text(entry, "theme", where)
    if slug and slug not in known.themes:
        raise ReferenceDataError(f"{where}: unknown theme {slug}")
    return slug


def _datetime(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> datetime.datetime | None:
    """A point in time with its UTC offset; YAML reads `2019-12-05T09:30:00+01:00` as an aware datetime."""
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise ReferenceDataError(f"{where}: '{key}' is required")
        return None
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ReferenceDataError(f"{where}: '{key}' must be a time like 2019-12-05T09:30:00+01:00") from exc
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        raise ReferenceDataError(f"{where}: '{key}' must be a time with its UTC offset, like 2019-12-05T09:30:00+01:00")
    return value.astimezone(datetime.UTC)
