"""Writes to the EU programmes. The seed command (and the admin, through AuditedModelAdmin) change them; the
pages and the API only read. Every change leaves an audit row."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from krokarm.actors.actions import SyncSummary
from krokarm.actors.models import Actor
from krokarm.audit.actions import delete_tracked, save_tracked
from krokarm.funding import reference_data as ref
from krokarm.funding.models import Programme, Reach

Progress = Callable[[str, int, int], None]


def apply_programme_data(
    rows: list[ref.ProgrammeRow], *, source: str = "seed", progress: Progress | None = None
) -> SyncSummary:
    """Make the database hold exactly the programmes and reach rows in `rows`.

    The caller must have applied the actors' reference data first (managing authorities, themes and counties
    are looked up by slug) and must pass parents before their parts (reference_data.load does). Programmes are
    matched on slug, reach rows on programme + target; those the file no longer holds are deleted. A second run
    with the same rows changes nothing and writes no audit row.
    """
    summary = SyncSummary()
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        actors = {a.slug: a for a in Actor.objects.filter(slug__in={r.managing_authority for r in rows})}
        existing = {
            p.slug: p
            for p in Programme.objects.select_related("parent", "managing_authority").prefetch_related(
                "themes", "counties", "reach"
            )
        }
        for done, row in enumerate(rows, start=1):
            programme = _sync_programme(row, existing, actors, summary, source)
            existing[row.slug] = programme
            _sync_reach(programme, row.reach, summary, source)
            report("EU programmes", done, len(rows))
        wanted = {row.slug for row in rows}
        # Parts before the programmes they belong to, so that each deletion is audited on its own.
        for slug, programme in sorted(existing.items(), key=lambda item: item[1].parent_id is None):
            if slug not in wanted:
                delete_tracked(programme, source=source, organisation=programme.managing_authority)
                summary.deleted += 1
    return summary


def _sync_programme(
    row: ref.ProgrammeRow,
    existing: dict[str, Programme],
    actors: dict[str, Actor],
    summary: SyncSummary,
    source: str,
) -> Programme:
    programme = existing.get(row.slug) or Programme(slug=row.slug)
    authority = actors.get(row.managing_authority)
    values = {
        "fund": row.fund,
        "name": row.name,
        "kind": row.kind,
        "part": row.part,
        "parent": existing[row.parent] if row.parent else None,
        "managing_authority": authority,
        "managing_authority_text": row.managing_authority_text,
        "summary": row.summary,
        "who_may_apply": row.who_may_apply,
        "budget": row.budget,
        "period": row.period,
        "confirmed": row.confirmed,
        "unconfirmed": row.unconfirmed,
        "source_url": row.source_url,
        "order": row.order,
    }
    created = programme.pk is None
    m2m = {"themes": set(row.themes), "counties": set(row.counties)}
    changes = save_tracked(programme, values, source=source, organisation=authority, m2m=m2m)
    summary.count(created, changes)
    return programme


def _sync_reach(programme: Programme, rows: tuple[ref.ReachRow, ...], summary: SyncSummary, source: str) -> None:
    existing = {r.target: r for r in programme.reach.all()} if programme.pk else {}
    organisation = programme.managing_authority
    for row in rows:
        reach = existing.get(row.target) or Reach(programme=programme, target=row.target)
        created = reach.pk is None
        changes = save_tracked(reach, {"how": row.how, "note": row.note}, source=source, organisation=organisation)
        summary.count(created, changes)
    targets = {row.target for row in rows}
    for target, reach in existing.items():
        if target not in targets:
            delete_tracked(reach, source=source, organisation=organisation)
            summary.deleted += 1
