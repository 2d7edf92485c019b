"""Loading data/strategies/*.yaml into the database without losing anybody's work (`krokarm seed`).

Every row is written through audit.reference.Seeder, which remembers the file and key it came from and the values
it last wrote. Rows are matched on the natural key the seed gave them (a key changed on the site is a conflict to
report, not a new row); a reference row someone changed keeps the site's values; rows made on the site are the
organisations' own and never touched; and a row the files no longer hold is only deleted when nobody changed it
and nothing people made hangs on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone

from krokarm.actors.models import Actor, Theme
from krokarm.audit.reference import Conflict, Seeder, SyncSummary, stable
from krokarm.strategies import reference_data as ref
from krokarm.strategies.models import EntryPoint, Phase, Priority, Process, Strategy

Progress = Callable[[str, int, int], None]


def apply_strategy_data(
    rows: list[ref.RegionStrategyRow],
    *,
    source: str = "seed",
    progress: Progress | None = None,
    take_file: bool = False,
) -> SyncSummary:
    """Make the strategies, priorities, processes, phases and entry points of the regions in `rows` follow the
    files, keeping everybody's own work. Returns the summary with every conflict (file, key, field, both values).

    The caller must have applied the actors' reference data first (regions, agencies and themes are looked up by
    slug). Natural keys: strategy slug; strategy + priority title; region + process title; process + phase kind;
    phase + entry point title. A reference row somebody changed on the site keeps the site's values and each
    changed field is reported (`take_file` takes the file's instead). Rows made on the site — the entry points and
    phases a region publishes, anything made in the admin — are never changed or deleted.

    For the regions the files describe, a priority, process, phase or entry point the files no longer hold is
    deleted only when nobody changed it and nothing people made hangs on it (contributions, entry points published
    on the site); otherwise an entry point is retired (kept, opens from its address, no longer listed) and a phase
    or process is kept as it is, and either is reported. A region's earlier strategies are its history: never
    deleted, they stop being current. Regions without a file are left as they are.

    Every row is read with SELECT … FOR UPDATE first, so an edit on the site waits for the seed instead of racing
    it (and then meets a newer version).
    """
    seeder = Seeder(source=source, take_file=take_file)
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        regions = {a.slug: a for a in Actor.objects.filter(kind=Actor.Kind.REGION)}
        existing = _Existing.read(seeder)
        current: list[Strategy] = []
        for done, row in enumerate(rows, start=1):
            region = regions[row.region]
            strategy = _sync_strategy(seeder, existing, region, row)
            current.append(strategy)
            _sync_priorities(seeder, existing, region, strategy, row)
            if row.process is not None:
                _sync_process(seeder, existing, region, strategy, row, row.process)
            report("strategies", done, len(rows))
        _remove_unseen(seeder, [regions[row.region] for row in rows], current)
    return seeder.summary


@dataclass
class _Existing:
    """Every stored row of the seeded models, locked, by the natural key the seed gave it."""

    strategies: list[Strategy]
    strategy_by_slug: dict[tuple[Any, ...], Strategy]
    priorities: dict[tuple[Any, ...], Priority]
    processes: dict[tuple[Any, ...], Process]
    phases: dict[tuple[Any, ...], Phase]
    entry_points: dict[tuple[Any, ...], EntryPoint]

    @classmethod
    def read(cls, seeder: Seeder) -> _Existing:
        # The whole tables: a few hundred rows, and a row moved on the site (an entry point to another phase) is
        # still found under the key the seed gave it.
        strategies = list(Strategy.objects.select_related("region").select_for_update(of=("self",)))
        priorities = (
            Priority.objects.select_related("strategy")
            .prefetch_related(Prefetch("national_areas", queryset=Theme.objects.only("slug")))
            .select_for_update(of=("self",))
        )
        processes = Process.objects.select_related("region", "strategy").select_for_update(of=("self",))
        phases = Phase.objects.select_related("process").select_for_update(of=("self",))
        entry_points = (
            EntryPoint.all_objects.select_related("phase")
            .prefetch_related(
                Prefetch("invited", queryset=Actor.all_objects.only("slug")),
                Prefetch("themes", queryset=Theme.objects.only("slug")),
            )
            .select_for_update(of=("self",))
        )
        return cls(
            strategies=strategies,
            strategy_by_slug=_by_seeded_key(seeder, strategies, "slug"),
            priorities=_by_seeded_key(seeder, priorities, "strategy", "title"),
            processes=_by_seeded_key(seeder, processes, "region", "title"),
            phases=_by_seeded_key(seeder, phases, "process", "kind"),
            entry_points=_by_seeded_key(seeder, entry_points, "phase", "title"),
        )


def _seeded(seeder: Seeder, obj: models.Model, name: str) -> Any:
    """The value of `name` as the seed last wrote it (so a title changed on the site still finds its row), or as
    stored for a row the seed did not make. Related rows by id, as the reference record keeps them."""
    record = seeder.record_for(obj)
    if record is not None and name in record.values:
        return record.values[name]
    return _stored(obj, name)


def _stored(obj: models.Model, name: str) -> Any:
    """The stored value of field `name`; a related row by its id, read without loading the row."""
    return stable(getattr(obj, obj._meta.get_field(name).attname))  # type: ignore[union-attr]


def _by_seeded_key(seeder: Seeder, rows: Iterable[Any], *names: str) -> dict[tuple[Any, ...], Any]:
    """Rows by their natural key as the seed gave it, then by their stored key where no row was given that one
    (so that the file's row never collides with a stored row on a unique key). Where several rows share a key, a
    current row wins over a retired one and a reference row over one made on the site."""

    def rank(obj: Any) -> tuple[bool, bool]:
        return getattr(obj, "retired_at", None) is None, seeder.record_for(obj) is not None

    ordered = sorted(rows, key=rank)
    found = {tuple(_stored(obj, name) for name in names): obj for obj in ordered}
    found.update({tuple(_seeded(seeder, obj, name) for name in names): obj for obj in ordered})
    return found


def _sync_strategy(seeder: Seeder, existing: _Existing, region: Actor, row: ref.RegionStrategyRow) -> Strategy:
    item = row.strategy
    strategy = existing.strategy_by_slug.get((item.slug,)) or Strategy()
    values = {
        "slug": item.slug,
        "region": region,
        "name": item.name,
        "is_current": True,
        "adopted_on": item.adopted_on,
        "adopted_text": item.adopted_text,
        "revised_on": item.revised_on,
        "revised_text": item.revised_text,
        "decision_body": item.decision_body,
        "horizon": item.horizon,
        "url": item.url,
        "summary": item.summary,
        "unconfirmed": item.unconfirmed,
        "source_url": item.source_url,
    }
    created = strategy.pk is None
    key = _key(region, "strategi", item.slug)
    _save(seeder, strategy, values, file=row.file, key=key, organisation=region, checked_on=item.checked_on)
    if created:
        existing.strategies.append(strategy)
        existing.strategy_by_slug[(item.slug,)] = strategy
    # The region's earlier strategies stay as its history, no longer current.
    for other in existing.strategies:
        if other.region_id != region.pk or other.pk == strategy.pk or not other.is_current:
            continue
        record = seeder.record_for(other)
        if record is None:  # made in the admin: the region's own, left as it is
            key = _key(region, "strategi", other.slug)
            seeder.summary.conflicts.append(Conflict(row.file, key, "is_current", False, True, "edited"))
            continue
        key = record.key or _key(region, "strategi", other.slug)
        _save(seeder, other, {"is_current": False}, file=record.file or row.file, key=key, organisation=region)
    return strategy


def _sync_priorities(
    seeder: Seeder, existing: _Existing, region: Actor, strategy: Strategy, row: ref.RegionStrategyRow
) -> None:
    for position, item in enumerate(row.strategy.priorities):
        priority = existing.priorities.get((strategy.pk, item.title)) or Priority(strategy=strategy)
        values = {"strategy": strategy, "title": item.title, "position": position, "source_url": item.source_url}
        _save(
            seeder,
            priority,
            values,
            file=row.file,
            key=_key(region, "prioritering", item.title),
            m2m={"national_areas": set(item.areas)},
            organisation=region,
            checked_on=row.strategy.checked_on,
        )


def _sync_process(
    seeder: Seeder,
    existing: _Existing,
    region: Actor,
    strategy: Strategy,
    row: ref.RegionStrategyRow,
    item: ref.ProcessRow,
) -> None:
    process = existing.processes.get((region.pk, item.title)) or Process(region=region)
    values = {
        "region": region,
        "title": item.title,
        "strategy": strategy,
        "status": item.status,
        "description": item.description,
        "source_url": item.source_url,
    }
    key = _key(region, "process", item.title)
    _save(seeder, process, values, file=row.file, key=key, organisation=region, checked_on=item.checked_on)
    for phase_row in item.phases:
        phase = existing.phases.get((process.pk, phase_row.kind)) or Phase(process=process)
        values = {
            "process": process,
            "kind": phase_row.kind,
            "starts_on": phase_row.starts_on,
            "ends_on": phase_row.ends_on,
            "planned": phase_row.planned,
            "note": phase_row.note,
            "source_url": phase_row.source_url,
        }
        key = _key(region, "fas", phase_row.kind)
        _save(seeder, phase, values, file=row.file, key=key, organisation=region, checked_on=phase_row.checked_on)
        for entry_row in phase_row.entry_points:
            _sync_entry_point(seeder, existing, region, phase, row.file, entry_row)


def _sync_entry_point(
    seeder: Seeder, existing: _Existing, region: Actor, phase: Phase, file: str, item: ref.EntryPointRow
) -> None:
    entry = existing.entry_points.get((phase.pk, item.title)) or EntryPoint(phase=phase)
    values = {
        "phase": phase,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "opens_on": item.opens_on,
        "closes_on": item.closes_on,
        "contact_name": item.contact_name,
        "contact_email": item.contact_email,
        "source_url": item.source_url,
    }
    m2m = {"invited": set(item.invited), "themes": set(item.themes)}
    key = _key(region, "fas", phase.kind, "ingång", item.title)
    _save(seeder, entry, values, file=file, key=key, m2m=m2m, organisation=region, checked_on=item.checked_on)


def _save(seeder: Seeder, instance: models.Model, values: dict[str, Any], *, file: str, key: str, **more: Any) -> None:
    """seeder.save, with the row's record naming `file` and `key` first: a record adopted from the audit log of a
    database seeded before records existed has neither, and the conflicts of that first run must say where."""
    record = seeder.record_for(instance)
    if record is not None and (record.file, record.key) != (file, key):
        record.file, record.key = file, key
        record.save(update_fields=["file", "key"])
    seeder.save(instance, values, file=file, key=key, **more)


def _key(region: Actor, *parts: str) -> str:
    """A reference row's key as people read it in a conflict: "region-skane / fas / remiss / ingång / Remiss"."""
    return " / ".join((region.slug, *parts))


def _remove_unseen(seeder: Seeder, regions: list[Actor], current: list[Strategy]) -> None:
    """The rows of the files' regions that the files no longer hold: leaves first, so that each removed row has
    its own audit row and a phase or process knows what was kept below it."""
    entry_points = EntryPoint.all_objects.filter(phase__process__region__in=regions).values_list("pk", flat=True)
    seeder.remove_unseen(EntryPoint, scope=entry_points)
    phases = list(Phase.objects.filter(process__region__in=regions).values_list("pk", flat=True))
    _keep_above_kept_rows(seeder, Phase, phases, EntryPoint.all_objects.filter(phase__in=phases), "phase_id")
    seeder.remove_unseen(Phase, scope=phases)
    processes = list(Process.objects.filter(region__in=regions).values_list("pk", flat=True))
    _keep_above_kept_rows(seeder, Process, processes, Phase.objects.filter(process__in=processes), "process_id")
    seeder.remove_unseen(Process, scope=processes)
    # Only the current strategies' priorities: an earlier strategy keeps its own as history.
    seeder.remove_unseen(Priority, scope=Priority.objects.filter(strategy__in=current).values_list("pk", flat=True))


def _keep_above_kept_rows(
    seeder: Seeder, model: type[models.Model], scope: list[int], children: models.QuerySet[Any], parent: str
) -> None:
    """Keep (and report) the reference rows of `model` the files no longer hold but under which the seed kept a
    reference row of its own (one changed on the site, or retired because contributions point at it).

    Seeder.remove_unseen counts only rows people made as dependants, so deleting the parent would cascade those
    kept rows away. Marked as seen, the parent is left alone; its record is retired so it is reported once.
    """
    label = model._meta.label_lower
    seen = seeder.seen.setdefault(label, set())
    below: dict[int, set[str]] = {}
    for child in children.only("pk", parent):
        if seeder.record_for(child) is not None:
            below.setdefault(getattr(child, parent), set()).add(child._meta.label_lower)
    for pk in scope:
        if str(pk) in seen or pk not in below:
            continue
        record = seeder.record_for(model(pk=pk))
        if record is None or record.retired_at is not None:
            continue
        seen.add(str(pk))
        record.retired_at = timezone.now()
        record.save(update_fields=["retired_at"])
        kept = ", ".join(sorted(below[pk]))
        why = f"rows below it were kept ({kept})"
        seeder.summary.conflicts.append(Conflict(record.file, record.key, "*", "it is", why, "removed"))
