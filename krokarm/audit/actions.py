"""The one way to write an audit row, and to save, retire or delete a row so that its audit row matches what is
stored: the row is read again under a lock inside the transaction, compared with the version the person saw, and
only the fields that change are written."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.lib.errors import Refused
from krokarm.lib.forms import STALE_MESSAGE, ChangeMeanwhile

Changes = dict[str, list[Any]]

# How a change's source reads to someone whose edit it overtook (no names: the history pages decide who sees them).
SOURCE_LABELS = {
    "seed": _("referensdata"),
    "admin": _("administrationen"),
    "web": _("webbplatsen"),
    "api": _("API:t"),
    "job": _("ett schemalagt jobb"),
}


SAVED_MEANWHILE = _(
    "Det gick inte att spara: någon annan sparade samma sak alldeles nyss. Ladda om sidan och se vad som gäller nu."
)


class Stale(Refused):
    """The row changed after the person (or API client) read it: nothing was saved.

    `current` is the row as stored now, `changes` what changed after the version they saw.
    """

    code = "stale"

    def __init__(self, current: models.Model, expected: int, changes: list[ChangeMeanwhile]) -> None:
        super().__init__(STALE_MESSAGE)
        self.current = current
        self.expected = expected
        self.changes = changes

    @property
    def current_version(self) -> int:
        return int(getattr(self.current, "version", 0))


def record(
    action: str,
    target: models.Model,
    *,
    changes: Changes | None = None,
    source: str,
    user: Any = None,
    organisation: Any = None,
    public: bool = True,
) -> AuditEntry:
    """Write one audit row for a change to `target`.

    The caller must already be inside the transaction that makes the change, so
    that the change and its audit row commit or roll back together. `public=False`
    marks a change no public page shows, so that it leaves the page cache alone.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the transaction that makes the change")
    return AuditEntry.objects.create(
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=changes or {},
        source=source,
        user=user if getattr(user, "is_authenticated", False) else None,
        organisation=organisation,
        public=public,
        version=getattr(target, "version", None) if has_version(target) else None,
    )


def diff(instance: models.Model, values: dict[str, Any]) -> Changes:
    """Field → [old, new] for each value that differs from what `instance` holds."""
    changes: Changes = {}
    for field, new in values.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [plain(old), plain(new)]
    return changes


def plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def has_version(instance: models.Model | type[models.Model]) -> bool:
    """Whether rows of this model carry a `version` that every audited change increments."""
    try:
        instance._meta.get_field("version")
    except Exception:
        return False
    return True


def locked(instance: models.Model) -> models.Model:
    """The row as stored now, locked until the surrounding transaction ends (PostgreSQL: SELECT … FOR UPDATE;
    SQLite: its IMMEDIATE transactions already let one writer in at a time). The caller must be in one."""
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)


def changes_since(instance: models.Model, version: int) -> list[ChangeMeanwhile]:
    """What was saved to `instance` after `version`, field by field, oldest first (from the audit log)."""
    entries = AuditEntry.objects.filter(
        target_type=instance._meta.label_lower, target_id=str(instance.pk), version__gt=version
    ).order_by("id")
    result = []
    for entry in entries:
        who = str(SOURCE_LABELS.get(entry.source, entry.source))
        for name, (old, new) in sorted(entry.changes.items()):
            try:
                field = instance._meta.get_field(name)
            except Exception:
                continue
            if not getattr(field, "editable", True) or name in ("version", "search_text"):
                continue
            label = str(getattr(field, "verbose_name", name))
            choices = dict(getattr(field, "flatchoices", None) or ())  # a status reads "Överenskommen", not its code
            if choices:
                old, new = (choices.get(v, v) if isinstance(v, (str, int)) else v for v in (old, new))
            result.append(ChangeMeanwhile(entry.created_at, who, label, old, new))
    return result


def check_version(stored: models.Model, expected_version: int | None) -> None:
    """Raise `Stale` when `expected_version` is given and `stored` (read under a lock) has moved past it."""
    if expected_version is None or not has_version(stored):
        return
    current = int(stored.version)  # type: ignore[attr-defined]
    if current != expected_version:
        raise Stale(stored, expected_version, changes_since(stored, expected_version))


def save_tracked(
    instance: models.Model,
    values: dict[str, Any],
    *,
    source: str,
    user: Any = None,
    organisation: Any = None,
    m2m: dict[str, set[str]] | None = None,
    expected_version: int | None = None,
    action: str | None = None,
    fresh: bool = False,
) -> Changes:
    """Create or update `instance` with `values`, auditing exactly what changed.

    An update reads the row again under a lock and compares with that, so the audit row always matches what is
    stored, and writes only the fields in `values` that differ: two people changing different fields at the same
    time both keep their change. With `expected_version` (the version the person's form or the API's If-Match
    carried), a row that has moved on raises `Stale` and nothing is written. `instance` holds the stored row
    afterwards.

    `m2m` maps a many-to-many field to the slugs it should hold afterwards; the related model must have a unique
    `slug`. `organisation` is the actor the user acted for. Returns the changes (empty when the row already held
    these values, so re-running a load writes nothing). `fresh=True` says the caller read `instance` with
    select_for_update in this same transaction (the seed reads whole tables so), so it is not read again.
    """
    try:
        return _save_tracked(instance, values, source, user, organisation, m2m, expected_version, action, fresh)
    except IntegrityError as exc:
        # Two people saved the same thing at the same instant (e.g. the same role twice): the unique index kept
        # one row; the other person is told, and nothing of theirs was half-saved.
        raise Refused(SAVED_MEANWHILE, code="conflict") from exc


def _save_tracked(
    instance: models.Model,
    values: dict[str, Any],
    source: str,
    user: Any,
    organisation: Any,
    m2m: dict[str, set[str]] | None,
    expected_version: int | None,
    action: str | None,
    fresh: bool,
) -> Changes:
    created = instance.pk is None
    versioned = has_version(instance)
    with transaction.atomic():
        if created:
            changes = {k: [None, plain(v)] for k, v in values.items()}
            for key, value in values.items():
                setattr(instance, key, value)
            if versioned:
                instance.version = 1  # type: ignore[attr-defined]
            instance.save()
        else:
            if (
                not fresh
                and expected_version is None
                and not diff(instance, values)
                and not _m2m_differs(instance, m2m)
            ):
                return {}  # nothing to write: no lock and no read (a re-seed that changes nothing stays cheap)
            stored = instance if fresh else locked(instance)
            check_version(stored, expected_version)
            changes = diff(stored, values)
            for field in instance._meta.concrete_fields:
                setattr(instance, field.attname, getattr(stored, field.attname))
            for key, value in values.items():
                setattr(instance, key, value)
        for name, wanted in (m2m or {}).items():
            manager = getattr(instance, name)
            current = set() if created else {obj.slug for obj in manager.all()}
            if current != wanted:
                manager.set(list(manager.model.objects.filter(slug__in=wanted)))
                changes[name] = [sorted(current), sorted(wanted)]
        if changes and not created:
            names = {f.name: f.attname for f in instance._meta.concrete_fields}
            written = [names[f] for f in values if f in changes and f in names]
            written += [f.attname for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
            if versioned:
                instance.version = int(instance.version) + 1  # type: ignore[attr-defined]
                written.append("version")
            if written:
                instance.save(update_fields=written)
        if changes:
            label = instance._meta.model_name
            record(
                action or f"{label}.{'created' if created else 'updated'}",
                instance,
                changes=changes,
                source=source,
                user=user,
                organisation=organisation,
            )
    return changes


def _m2m_differs(instance: models.Model, m2m: dict[str, set[str]] | None) -> bool:
    return any({obj.slug for obj in getattr(instance, name).all()} != wanted for name, wanted in (m2m or {}).items())


def delete_tracked(
    instance: models.Model,
    *,
    source: str,
    user: Any = None,
    organisation: Any = None,
    expected_version: int | None = None,
) -> None:
    """Delete `instance` and leave an audit row saying what it was: every field's value → None, so that
    what was removed can be read back (and restored). With `expected_version`, a row changed since raises
    `Stale` and stays."""
    with transaction.atomic():
        if expected_version is not None:
            check_version(locked(instance), expected_version)
        was: Changes = {
            field.name: [plain(getattr(instance, field.name)), None]
            for field in instance._meta.concrete_fields
            if not field.primary_key
        }
        record(
            f"{instance._meta.model_name}.deleted",
            instance,
            changes=was,
            source=source,
            user=user,
            organisation=organisation,
        )
        if source != "seed":  # people removed a reference row: the next seed must not bring it back
            ReferenceRecord.objects.filter(target_type=instance._meta.label_lower, target_id=str(instance.pk)).update(
                removed_on_site_at=timezone.now()
            )
        instance.delete()


def remove_tracked(
    instance: models.Model,
    *,
    source: str,
    user: Any = None,
    organisation: Any = None,
    expected_version: int | None = None,
) -> str:
    """Take a row away without leaving anything pointing at nothing: deleted when nothing people made points at
    it (comments, follows, cases…), otherwise retired (kept, no longer current). Returns "deleted" or "retired".
    """
    from krokarm.audit.dependents import people_depend_on

    with transaction.atomic():
        stored = locked(instance)
        check_version(stored, expected_version)
        if can_retire(stored) and people_depend_on(stored):
            retire_tracked(stored, source=source, user=user, organisation=organisation, fresh=True)
            instance.retired_at = stored.retired_at  # type: ignore[attr-defined]
            return "retired"
        delete_tracked(instance, source=source, user=user, organisation=organisation)
        return "deleted"


def can_retire(instance: models.Model) -> bool:
    """Whether rows of this model can be kept as no longer current (they have a `retired_at`)."""
    try:
        instance._meta.get_field("retired_at")
    except Exception:
        return False
    return True


def retire_tracked(
    instance: models.Model,
    *,
    source: str,
    user: Any = None,
    organisation: Any = None,
    expected_version: int | None = None,
    fresh: bool = False,
) -> Changes:
    """Keep `instance` but mark it as no longer current (`retired_at`), because something points at it."""
    return save_tracked(
        instance,
        {"retired_at": timezone.now()},
        source=source,
        user=user,
        organisation=organisation,
        expected_version=expected_version,
        action=f"{instance._meta.model_name}.retired",
        fresh=fresh,
    )
