"""What people have attached to a row: if anything, the row must not be deleted (it is retired instead).

Found without knowing the apps: every foreign key that would cascade to (or is protected by) the row, through
Django's own deletion collector, and every generic relation (comment threads, follows) that names the row. Rows
that the seed itself manages (they have a ReferenceRecord) and Django's many-to-many link rows do not count:
they are the reference data's own parts.
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
    """What points at `instance` that is not reference data: e.g. ["comments.thread", "cases.case"] (empty when
    nothing does). Raises nothing: a PROTECT or RESTRICT relation counts as a dependant."""
    found: set[str] = set()
    for label, pks in _collected(instance):
        if label in IGNORED:
            continue
        if _people_rows(label, pks):
            found.add(label)
    for model, ct_field, id_field in _generic_relations():
        label = model._meta.label_lower
        if label in IGNORED:
            continue
        content_type = ContentType.objects.get_for_model(type(instance))
        if model._default_manager.filter(**{ct_field: content_type, id_field: instance.pk}).exists():
            found.add(label)
    return sorted(found)


def _collected(instance: models.Model) -> Iterable[tuple[str, list[object]]]:
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as exc:
        objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
        by_label: dict[str, list[object]] = {}
        for obj in objects:
            by_label.setdefault(obj._meta.label_lower, []).append(obj.pk)
        yield from by_label.items()
        return
    for model, objs in collector.data.items():
        if model._meta.auto_created or model is type(instance):
            continue
        yield model._meta.label_lower, [obj.pk for obj in objs]
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model._meta.auto_created or model is type(instance):
            continue
        yield model._meta.label_lower, list(queryset.values_list("pk", flat=True)[:1000])


def _people_rows(label: str, pks: list[object]) -> bool:
    """Whether any of these rows was made by people (has no reference record)."""
    if not pks:
        return False
    seeded = set(
        ReferenceRecord.objects.filter(target_type=label, target_id__in=[str(pk) for pk in pks]).values_list(
            "target_id", flat=True
        )
    )
    return any(str(pk) not in seeded for pk in pks)


@cache
def _generic_relations() -> list[tuple[type[models.Model], str, str]]:
    found = []
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey) and model is not AuditEntry:
                found.append((model, field.ct_field, field.fk_field))
    return found
