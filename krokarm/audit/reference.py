"""Loading reference data without losing anybody's work.

Every row the seed writes gets a ReferenceRecord: the file in data/ and the key it came from, and the values the
seed last wrote. From that, `Seeder` tells three kinds of row apart on every run:

- **rows the seed manages and nobody changed**: they follow the file (created, updated, and removed when the file
  no longer lists them — deleted if nothing points at them, otherwise retired: kept and shown as no longer
  current);
- **reference rows somebody changed on the site, in the admin or through the API**: each changed field keeps the
  site's value and is reported as a conflict (file, key, field, the file's value, the site's value) unless the
  seed runs with `take_file=True` (`krokarm seed --take-file`);
- **rows made on the site or through the API** (no record): the organisations' own. The seed never changes or
  deletes them, even when the file lists a row with the same natural key (reported as a conflict).

Databases seeded before records existed are adopted on the first run: a row whose creation the audit log
attributes to the seed becomes a reference row, with the values the seed last wrote taken from the audit log.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from krokarm.audit.actions import (
    Changes,
    can_retire,
    delete_tracked,
    plain,
    retire_tracked,
    save_tracked,
)
from krokarm.audit.dependents import people_depend_on
from krokarm.audit.models import AuditEntry, ReferenceRecord

Progress = Callable[[str, int, int], None]
_MISSING = object()


@dataclass(frozen=True)
class Conflict:
    """A place where the file and the site disagree and the site's value was kept (or, with take_file, lost)."""

    file: str
    key: str
    field: str
    file_value: Any
    site_value: Any
    kind: str  # "edited": a reference row changed on the site; "site_row": the key is taken by a site row;
    # "removed": the file no longer lists a row that was changed on the site or that others point at;
    # "removed_on_site": the file still lists a row that people deleted on the site.
    taken: str = "site"  # whose value is stored now: "site" or "file"

    def __str__(self) -> str:
        what = {"edited": "changed on the site", "site_row": "a row made on the site", "removed": "removed from"}
        where = f"{self.file} [{self.key}]"
        if self.kind == "site_row":
            return f"{where}: the key belongs to {what['site_row']}; the file's row was not applied"
        if self.kind == "removed":
            return f"{where}: no longer in the file, but {self.site_value}; kept as {self.file_value}"
        if self.kind == "removed_on_site":
            if self.taken == "file":
                return f"{where}: deleted on the site; the file's row was added again (--take-file)"
            return f"{where}: deleted on the site but still in the file; not added again (--take-file adds it)"
        keep = "the file's value was taken" if self.taken == "file" else "kept the site's value"
        return f"{where} {self.field}: file {self.file_value!r}, site {self.site_value!r} — {keep}"


@dataclass
class SyncSummary:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    retired: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def count(self, created: bool, changes: dict[str, Any] | None) -> None:
        if created:
            self.created += 1
        elif changes:
            self.updated += 1

    def __str__(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.deleted} deleted"
        if self.retired:
            text += f", {self.retired} retired"
        if self.conflicts:
            text += f", {len(self.conflicts)} conflicts (site values kept)"
        return text


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


class Seeder:
    """Writes reference rows for one seed run and remembers which it saw, so that `remove_unseen` can tell which
    reference rows the files no longer hold. Use one Seeder per app's load, inside its transaction."""

    def __init__(self, *, source: str = "seed", take_file: bool = False, summary: SyncSummary | None = None) -> None:
        self.source = source
        self.take_file = take_file
        self.summary = summary if summary is not None else SyncSummary()
        self.seen: dict[str, set[str]] = {}
        self._records: dict[str, dict[str, ReferenceRecord]] = {}

    # Reading

    def record_for(self, instance: models.Model) -> ReferenceRecord | None:
        """The row's reference record, or None for a row people made (or a new row)."""
        if instance.pk is None:
            return None
        return self._records_of(label_of(instance)).get(str(instance.pk))

    def is_site_row(self, instance: models.Model) -> bool:
        """True for a stored row that people made (the seed must leave it alone)."""
        return instance.pk is not None and self.record_for(instance) is None

    # Writing

    def save(
        self,
        instance: models.Model,
        values: dict[str, Any],
        *,
        file: str,
        key: str,
        m2m: dict[str, set[str]] | None = None,
        organisation: Any = None,
        create_only: Iterable[str] = (),
        site_wins: Iterable[str] = (),
        checked_on: datetime.date | None = None,
    ) -> Changes | None:
        """Create or update a reference row from the file's `values` (and `m2m` slugs).

        Returns the changes written, or None when the row is a site row the seed must not touch. Fields named in
        `create_only` are written when the row is created and never afterwards (e.g. a status that then moves on
        the site). Fields named in `site_wins` follow the file until somebody changes them on the site, and then
        keep the site's value without a conflict (e.g. a status its owners move on as the work goes on). The summary
        counts the row and notes every conflict. `checked_on` (the day the file's facts for this row were last
        compared with their sources) is kept in the row's record, not on the row, and is not audited: it says
        when the file was checked, not what changed; None leaves the record's date as it is.
        """
        label = label_of(instance)
        if instance.pk is None:
            removed = self._removed_on_site(label).get(key)
            if removed is not None:
                self._saw(label, removed.target_id)
                self.summary.conflicts.append(
                    Conflict(file, key, "*", "", "", "removed_on_site", "file" if self.take_file else "site")
                )
                if not self.take_file:
                    return None
                removed.delete()
                self._records_of(label).pop(removed.target_id, None)
            changes = save_tracked(instance, values, source=self.source, organisation=organisation, m2m=m2m)
            self._records_of(label)[str(instance.pk)] = ReferenceRecord.objects.create(
                target_type=label,
                target_id=str(instance.pk),
                file=file,
                key=key,
                values=self._plain_values(values, m2m),
                checked_on=checked_on,
            )
            self._saw(label, instance.pk)
            self.summary.count(True, changes)
            return changes

        record = self.record_for(instance)
        if record is None:
            self.summary.conflicts.append(Conflict(file, key, "*", "", str(instance), "site_row"))
            return None
        self._saw(label, instance.pk)
        moved = record.file != file or record.key != key  # an adopted record learns where its row is described
        record.file, record.key = file, key
        skip, quiet = set(create_only), set(site_wins)
        seeded = dict(record.values)
        take: dict[str, Any] = {}
        for name, value in values.items():
            if name in skip:
                continue
            wanted, stored = stable(value), stable(getattr(instance, name))
            if name in quiet and stored != seeded.get(name, stored):
                continue  # moved on the site: theirs, and nothing to report
            if self._keep_site(record, name, wanted, stored, seeded):
                continue
            take[name] = value
            seeded[name] = wanted
        take_m2m: dict[str, set[str]] = {}
        for name, slugs in (m2m or {}).items():
            wanted_list = sorted(slugs)
            stored_list = sorted(obj.slug for obj in getattr(instance, name).all())
            if self._keep_site(record, name, wanted_list, stored_list, seeded):
                continue
            take_m2m[name] = set(slugs)
            seeded[name] = wanted_list
        changes = save_tracked(instance, take, source=self.source, organisation=organisation, m2m=take_m2m, fresh=True)
        if record.retired_at is not None and can_retire(instance) and getattr(instance, "retired_at", None):
            changes.update(
                save_tracked(instance, {"retired_at": None}, source=self.source, organisation=organisation, fresh=True)
            )
        checked = checked_on is not None and checked_on != record.checked_on
        if seeded != record.values or moved or record.retired_at is not None or checked:
            record.values, record.file, record.key, record.retired_at = seeded, file, key, None
            if checked_on is not None:
                record.checked_on = checked_on
            record.save()
        self.summary.count(False, changes)
        return changes

    def _keep_site(self, record: ReferenceRecord, name: str, wanted: Any, stored: Any, seeded: dict[str, Any]) -> bool:
        """Whether to keep the site's value of one field (and report it) rather than write the file's."""
        if stored == wanted:
            seeded[name] = wanted
            return True  # nothing to write
        last = seeded.get(name, _MISSING)
        if last is _MISSING or stored == last:
            return False  # nobody changed it since the seed wrote it: the file decides
        self.summary.conflicts.append(
            Conflict(record.file, record.key, name, wanted, stored, "edited", "file" if self.take_file else "site")
        )
        return not self.take_file

    def remove_unseen(self, model: type[models.Model], *, scope: Iterable[Any] | None = None) -> None:
        """Deal with the reference rows of `model` that this run did not see (the files no longer hold them).

        `scope` limits it to these primary keys (e.g. the rows of the regions whose files were read). A row is
        deleted when nobody changed it and nothing that people made points at it; otherwise it is retired when
        the model can be (shown as no longer current) or kept, and reported either way. Rows already retired stay.
        """
        label = label_of(model)
        seen = self.seen.get(label, set())
        in_scope = None if scope is None else {str(pk) for pk in scope}
        stale = [
            r
            for r in self._records_of(label).values()
            if r.retired_at is None and r.target_id not in seen and (in_scope is None or r.target_id in in_scope)
        ]
        if not stale:
            return
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        rows = {
            str(obj.pk): obj
            for obj in model._base_manager.filter(pk__in=[r.target_id for r in stale]).select_related(*related)
        }
        for record in stale:
            instance = rows.get(record.target_id)
            if instance is None:  # already gone (deleted on the site): forget it
                record.delete()
                self._records_of(label).pop(record.target_id, None)
                continue
            self._remove(record, instance)

    def _remove(self, record: ReferenceRecord, instance: models.Model) -> None:
        edited = [
            name
            for name, last in record.values.items()
            if not isinstance(last, list) and _has_field(instance, name) and stable(getattr(instance, name)) != last
        ]
        dependants = people_depend_on(instance)
        if not dependants and (not edited or self.take_file):
            with transaction.atomic():
                delete_tracked(instance, source=self.source)
                record.delete()
            self._records_of(record.target_type).pop(record.target_id, None)
            self.summary.deleted += 1
            return
        reasons = []
        if edited:
            reasons.append("changed on the site (" + ", ".join(edited) + ")")
        if dependants:
            reasons.append("people's rows point at it (" + ", ".join(dependants) + ")")
        retire = can_retire(instance)
        with transaction.atomic():
            if retire and getattr(instance, "retired_at", None) is None:
                retire_tracked(instance, source=self.source)
                self.summary.retired += 1
            # Retired in the record either way: the row is reported once, not at every seed.
            record.retired_at = timezone.now()
            record.save(update_fields=["retired_at"])
        self.summary.conflicts.append(
            Conflict(
                record.file,
                record.key,
                "*",
                "retired (no longer current)" if retire else "it is",
                " and ".join(reasons),
                "removed",
            )
        )

    # Inside

    def _saw(self, label: str, pk: Any) -> None:
        self.seen.setdefault(label, set()).add(str(pk))

    @staticmethod
    def _plain_values(values: dict[str, Any], m2m: dict[str, set[str]] | None) -> dict[str, Any]:
        result = {name: stable(value) for name, value in values.items()}
        result.update({name: sorted(slugs) for name, slugs in (m2m or {}).items()})
        return result

    def _removed_on_site(self, label: str) -> dict[str, ReferenceRecord]:
        """Reference rows people deleted on the site, by their key in the files."""
        return {r.key: r for r in self._records_of(label).values() if r.removed_on_site_at is not None and r.key}

    def _records_of(self, label: str) -> dict[str, ReferenceRecord]:
        """Every reference record of one model, read once per run; adopts the rows the seed made before records
        existed (their creation is in the audit log with the seed as its source), in two queries."""
        if label not in self._records:
            records = {r.target_id: r for r in ReferenceRecord.objects.filter(target_type=label)}
            model_name = label.partition(".")[2]
            adoptable = (
                AuditEntry.objects.filter(target_type=label, action=f"{model_name}.created", source=self.source)
                .exclude(target_id__in=list(records))
                .values_list("target_id", flat=True)
            )
            ids = set(adoptable)
            if ids:
                records.update(self._adopt(label, ids))
            self._records[label] = records
        return self._records[label]

    def _adopt(self, label: str, ids: set[str]) -> dict[str, ReferenceRecord]:
        """Records for rows from before reference records: the values the seed last wrote, from the audit log."""
        model = apps.get_model(label)
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        rows = {str(obj.pk): obj for obj in model._base_manager.filter(pk__in=ids).select_related(*related)}
        values: dict[str, dict[str, Any]] = {target_id: {} for target_id in rows}
        entries = (
            AuditEntry.objects.filter(target_type=label, target_id__in=list(rows), source=self.source)
            .order_by("id")
            .values_list("target_id", "changes")
        )
        for target_id, changes in entries:
            for name, change in changes.items():
                if isinstance(change, list) and len(change) == 2:
                    values[target_id][name] = change[1]
        adopted = []
        for target_id, seeded in values.items():
            instance = rows[target_id]
            # The audit log names related rows by their text; where that still matches the stored row, remember
            # it in the record's own form (its id), so that the first run does not take it for an edit.
            for name, value in list(seeded.items()):
                if (
                    _has_field(instance, name)
                    and not _is_many(instance, name)
                    and plain(getattr(instance, name)) == value
                ):
                    seeded[name] = stable(getattr(instance, name))
            adopted.append(ReferenceRecord(target_type=label, target_id=target_id, file="", key="", values=seeded))
        ReferenceRecord.objects.bulk_create(adopted)
        return {r.target_id: r for r in ReferenceRecord.objects.filter(target_type=label, target_id__in=list(rows))}


def stable(value: Any) -> Any:
    """A field's value as the record keeps it: related rows by id (their text may change), the rest as in audit."""
    if isinstance(value, models.Model):
        return value.pk
    return plain(value)


def _is_many(instance: models.Model, name: str) -> bool:
    return bool(getattr(instance._meta.get_field(name), "many_to_many", False))


def _has_field(instance: models.Model, name: str) -> bool:
    try:
        instance._meta.get_field(name)
    except Exception:
        return False
    return True
