"""The one way to write an audit row."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from krokarm.audit.models import AuditEntry

Changes = dict[str, list[Any]]


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


def save_tracked(
    instance: models.Model,
    values: dict[str, Any],
    *,
    source: str,
    user: Any = None,
    organisation: Any = None,
    m2m: dict[str, set[str]] | None = None,
) -> Changes:
    """Create or update `instance` with `values`, auditing exactly what changed.

    `m2m` maps a many-to-many field to the slugs it should hold afterwards; the
    related model must have a unique `slug`. `organisation` is the actor the user acted for.
    Returns the changes (empty when the
    row already held these values, so re-running a load writes nothing).
    """
    created = instance.pk is None
    with transaction.atomic():
        changes = diff(instance, values) if not created else {k: [None, plain(v)] for k, v in values.items()}
        for key, value in values.items():
            setattr(instance, key, value)
        if created or changes:
            instance.save()
        for name, wanted in (m2m or {}).items():
            manager = getattr(instance, name)
            current = set() if created else {obj.slug for obj in manager.all()}
            if current != wanted:
                manager.set(list(manager.model.objects.filter(slug__in=wanted)))
                changes[name] = [sorted(current), sorted(wanted)]
        if changes:
            label = instance._meta.model_name
            record(
                f"{label}.{'created' if created else 'updated'}",
                instance,
                changes=changes,
                source=source,
                user=user,
                organisation=organisation,
            )
    return changes


def delete_tracked(instance: models.Model, *, source: str, user: Any = None, organisation: Any = None) -> None:
    """Delete `instance` and leave an audit row saying what it was: every field's value → None, so that
    what was removed can be read back (and restored)."""
    was: Changes = {
        field.name: [plain(getattr(instance, field.name)), None]
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    with transaction.atomic():
        record(
            f"{instance._meta.model_name}.deleted",
            instance,
            changes=was,
            source=source,
            user=user,
            organisation=organisation,
        )
        instance.delete()
