"""What people have attached to a row or to anything that would go with it: if anything, the row must not be
deleted (it is retired instead).

Found without knowing the apps: Django's own deletion collector lists every row that would be deleted with it
(foreign keys that cascade) or that stops the deletion (PROTECT, RESTRICT); then every generic relation (comment
threads, follows) that names the row or any of those rows is looked up. What counts:

- a row that would go with it and that people made (it has no ReferenceRecord), or a reference row that is
  already retired (it was kept because people point at it);
- a comment thread, follow or other generic relation naming the row or any row that would go with it.

Reference rows that would go with it (its own seeded parts) and Django's many-to-many link rows do not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from krokarm.audit.models import AuditEntry, ReferenceRecord

# Derived or bookkeeping rows that are never people's work: they follow the row they describe.
IGNORED = {"search.entry", "search.change", "audit.auditentry", "audit.referencerecord"}


def people_depend_on(instance: models.Model) -> list[str]:
    """What people made that points at `instance` or at a row that would be deleted with it: e.g.
    ["comments.thread", "cases.case"] (empty when nothing does). A PROTECT or RESTRICT relation counts."""
    found: set[str] = set()
    collected: dict[type[models.Model], list[object]] = {type(instance): [instance.pk]}
    for model, objs in _collected(instance):
        label = model._meta.label_lower
        if label in IGNORED:
            continue
        collected.setdefault(model, []).extend(obj.pk for obj in objs)
        if _people_rows(label, objs):
            found.add(label)
    relations = _generic_relations()
    if relations:
        types = ContentType.objects.get_for_models(*collected)
        for related, ct_field, id_field in relations:
            label = related._meta.label_lower
            if label in IGNORED or label in found:
                continue
            for model, pks in collected.items():
                filters = {ct_field: types[model], f"{id_field}__in": pks}
                if related._default_manager.filter(**filters).exists():
                    found.add(label)
                    break
    return sorted(found)


def _collected(instance: models.Model) -> Iterable[tuple[type[models.Model], list[models.Model]]]:
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as exc:
        objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj)
        yield from by_model.items()
        return
    for model, objs in collector.data.items():
        if _own_part(model, instance):
            continue
        yield model, [obj for obj in objs if not (model is type(instance) and obj.pk == instance.pk)]
    for queryset in collector.fast_deletes:
        if not _own_part(queryset.model, instance):
            yield queryset.model, list(queryset[:1000])
    # Rows that would only lose their link (SET_NULL, SET_DEFAULT): a proposal naming a challenge, an item tagged
    # with one. They are someone's too.
    for (field, _value), batches in collector.field_updates.items():
        for batch in batches:
            rows: list[models.Model] = list(batch[:1000]) if isinstance(batch, models.QuerySet) else list(batch)  # type: ignore[call-overload]
            if rows:
                yield field.model, rows


def _own_part(model: type[models.Model], instance: models.Model) -> bool:
    """Django's link rows of a many-to-many field the row itself declares (its own target groups, themes…).
    Link rows of a field another model declares are that other row's link to this one, and count."""
    owner = model._meta.auto_created
    if not owner:
        return False
    return isinstance(owner, type) and isinstance(instance, owner)


def _people_rows(label: str, objs: list[models.Model]) -> bool:
    """Whether any of these rows was made by people (no reference record), kept for people (retired), or is a
    reference row people changed (a stored value differs from what the seed last wrote)."""
    if not objs:
        return False
    from krokarm.audit.reference import stable

    records = {
        r.target_id: r
        for r in ReferenceRecord.objects.filter(target_type=label, target_id__in=[str(obj.pk) for obj in objs])
    }
    for obj in objs:
        record = records.get(str(obj.pk))
        if record is None or record.retired_at is not None:
            return True
        for name, last in record.values.items():
            if isinstance(last, list):
                continue
            try:
                field = obj._meta.get_field(name)
            except Exception:
                continue
            value = getattr(obj, getattr(field, "attname", name))  # a related row by its id, as records keep it
            if stable(value) != last:
                return True
    return False


@cache
def _generic_relations() -> list[tuple[type[models.Model], str, str]]:
    found = []
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey) and model is not AuditEntry:
                found.append((model, field.ct_field, field.fk_field))
    return found
