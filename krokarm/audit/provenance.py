"""When a fact was last checked and by whom (issue 16: every fact is dated and owned).

For reference rows (those the seed loads from data/) that is the day the file's facts were last compared with
their sources (ReferenceRecord.checked_on) and the source itself; for every row, the newest confirmation by its
organisation's editors (an audit row with action "confirmed", written by the confirmations feature); and for rows
made on the site (no reference record), the newest change made for an organisation.

Read for a whole page at once: `provenance_for` and `provenance_for_groups` run at most two queries, whatever the
number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from krokarm.audit.models import AuditEntry, ReferenceRecord

if TYPE_CHECKING:
    from krokarm.actors.models import Actor

# The action of the audit row an organisation's editor writes to confirm that a row is still right.
CONFIRMED = "confirmed"

Key = tuple[str, str]


@dataclass(frozen=True)
class Provenance:
    checked_on: datetime.date | None = None  # the seed's reference data was compared with the source that day
    source_url: str = ""
    confirmed_by: Actor | None = None  # the organisation whose editor confirmed the row
    confirmed_on: datetime.date | None = None
    changed_on: datetime.date | None = None  # rows made on the site: the newest change for an organisation
    changed_by: Actor | None = None

    @property
    def source_host(self) -> str:
        """The host the source link leads to, without "www.", as the link text names it."""
        host = urlsplit(self.source_url).hostname or ""
        return host.removeprefix("www.")

    def __bool__(self) -> bool:
        return bool(self.checked_on or self.confirmed_by or self.changed_by)


def key_of(obj: models.Model) -> Key:
    return obj._meta.label_lower, str(obj.pk)


def source_url_of(obj: models.Model) -> str:
    """The row's own source: `provenance_source_url` where the model names it differently (an actor's mandate
    source, a phase that falls back on its process's), else its `source_url` field."""
    value = getattr(obj, "provenance_source_url", None)
    if value is None:
        value = getattr(obj, "source_url", "")
    return str(value or "")


def provenance_for(objects: Iterable[models.Model]) -> dict[Any, Provenance]:
    """Provenance of each of `objects` (rows of one model), by primary key, in at most two queries."""
    rows = _saved(objects)
    found = provenance_for_groups(rows)
    return {obj.pk: found[key_of(obj)] for obj in rows}


def provenance_for_groups(*groups: Iterable[models.Model]) -> dict[Key, Provenance]:
    """Provenance of the rows of every group (each an iterable of rows of any model), by (model label, str(pk)),
    in at most two queries for all of them: the reference records, then the newest confirmation of each row and,
    for rows made on the site, the newest change made for an organisation.

    The caller must have loaded whatever `provenance_source_url` reads (a phase's process), or it costs a query
    per row."""
    rows = [obj for group in groups for obj in _saved(group)]
    if not rows:
        return {}
    wanted: dict[str, set[str]] = {}
    for obj in rows:
        label, pk = key_of(obj)
        wanted.setdefault(label, set()).add(pk)
    checked: dict[Key, datetime.date | None] = {
        (label, target_id): day
        for label, target_id, day in ReferenceRecord.objects.filter(_targets(wanted)).values_list(
            "target_type", "target_id", "checked_on"
        )
    }
    site_rows: dict[str, set[str]] = {}
    for label, pks in wanted.items():
        site = {pk for pk in pks if (label, pk) not in checked}
        if site:
            site_rows[label] = site
    confirmed, changed = _newest_entries(wanted, site_rows)
    result: dict[Key, Provenance] = {}
    for obj in rows:
        key = key_of(obj)
        confirmation = confirmed.get(key)
        change = changed.get(key)
        result[key] = Provenance(
            checked_on=checked.get(key),
            source_url=source_url_of(obj),
            confirmed_by=confirmation.organisation if confirmation else None,
            confirmed_on=_confirmed_on(confirmation) if confirmation else None,
            changed_on=timezone.localdate(change.created_at) if change else None,
            changed_by=change.organisation if change else None,
        )
    return result


def _saved(objects: Iterable[models.Model]) -> list[models.Model]:
    return [obj for obj in objects if obj is not None and obj.pk is not None]


def _targets(wanted: dict[str, set[str]]) -> Q:
    condition = Q(pk__in=[])
    for label, pks in wanted.items():
        condition |= Q(target_type=label, target_id__in=sorted(pks))
    return condition


def _newest_entries(
    wanted: dict[str, set[str]], site_rows: dict[str, set[str]]
) -> tuple[dict[Key, AuditEntry], dict[Key, AuditEntry]]:
    """The newest confirmation of every wanted row, and the newest change made for an organisation of every site
    row: one query, at most two audit rows per row (ranked in the database, not read whole)."""
    is_confirmation = Case(When(action=CONFIRMED, then=Value(1)), default=Value(0), output_field=IntegerField())
    relevant = Q(action=CONFIRMED, organisation__isnull=False) & _targets(wanted)
    if site_rows:
        relevant |= Q(organisation__isnull=False) & ~Q(action=CONFIRMED) & _targets(site_rows)
    entries = (
        AuditEntry.objects.filter(relevant, public=True)
        .annotate(
            is_confirmation=is_confirmation,
            rank=Window(
                RowNumber(),
                partition_by=[F("target_type"), F("target_id"), is_confirmation],
                order_by=[F("created_at").desc(), F("id").desc()],
            ),
        )
        .filter(rank=1)
        .select_related("organisation")
    )
    confirmed: dict[Key, AuditEntry] = {}
    changed: dict[Key, AuditEntry] = {}
    for entry in entries:
        (confirmed if entry.is_confirmation else changed)[(entry.target_type, entry.target_id)] = entry
    return confirmed, changed


def _confirmed_on(entry: AuditEntry) -> datetime.date:
    """The day the confirmation names (changes {"confirmed_on": [old, "YYYY-MM-DD"]}), else the day it was made."""
    change = entry.changes.get("confirmed_on") if isinstance(entry.changes, dict) else None
    if isinstance(change, Sequence) and not isinstance(change, str) and len(change) == 2:
        try:
            return datetime.date.fromisoformat(str(change[1]))
        except ValueError:
            pass
    return timezone.localdate(entry.created_at)
