"""Writes to the EU programmes. The seed command (and the admin, through AuditedModelAdmin) change them; the
pages and the API only read. Every change leaves an audit row."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from krokarm.actors.models import Actor
from krokarm.audit.reference import Seeder, SyncSummary
from krokarm.funding import reference_data as ref
from krokarm.funding.models import Programme, Reach

Progress = Callable[[str, int, int], None]

FILE = "funding/programmes.yaml"


def apply_programme_data(
    rows: list[ref.ProgrammeRow], *, source: str = "seed", progress: Progress | None = None, take_file: bool = False
) -> SyncSummary:
    """Make the programmes and reach rows in the database follow `rows`, keeping the corrections made in the admin.

    The caller must have applied the actors' reference data first (managing authorities, themes and counties
    are looked up by slug) and must pass parents before their parts (reference_data.load does). Programmes are
    matched on slug, reach rows on programme + target, and written through audit.reference.Seeder: a field
    corrected in the admin keeps the admin's value (reported as a conflict; `take_file` takes the file's), rows
    made in the admin are never changed or deleted, and a row the file no longer holds is deleted — unless it
    was corrected in the admin or something made in the admin points at it: then it is kept and reported
    (nothing people make points at a programme, so programmes are never retired). The rows are read with
    SELECT … FOR UPDATE. A second run with the same rows changes nothing and writes no audit row.
    """
    seeder = Seeder(source=source, take_file=take_file)
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        actors = {a.slug: a for a in Actor.objects.filter(slug__in={r.managing_authority for r in rows})}
        existing = {
            p.slug: p
            for p in Programme.objects.select_related("parent", "managing_authority")
            .prefetch_related("themes", "counties")
            .select_for_update(of=("self",))
        }
        reach = {(r.programme_id, r.target): r for r in Reach.objects.select_for_update(of=("self",))}
        for done, row in enumerate(rows, start=1):
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
            m2m = {"themes": set(row.themes), "counties": set(row.counties)}
            saved = seeder.save(
                programme, values, file=FILE, key=row.slug, m2m=m2m, organisation=authority, checked_on=row.checked_on
            )
            if saved is None:
                continue  # a programme made in the admin under this slug is left as it is (reported as a conflict)
            existing[row.slug] = programme
            for reach_row in row.reach:
                found = reach.get((programme.pk, reach_row.target)) or Reach(programme=programme)
                reach_values = {"target": reach_row.target, "how": reach_row.how, "note": reach_row.note}
                key = f"{row.slug} / räckvidd / {reach_row.target}"
                seeder.save(found, reach_values, file=FILE, key=key, organisation=authority, checked_on=row.checked_on)
            report("EU programmes", done, len(rows))
        # Reach rows first and parts before the programmes they belong to, so that each deletion is audited on
        # its own instead of going unrecorded with the row it belonged to.
        seeder.remove_unseen(Reach)
        seeder.remove_unseen(Programme, scope=[p.pk for p in existing.values() if p.parent_id is not None])
        seeder.remove_unseen(Programme)
    return seeder.summary
