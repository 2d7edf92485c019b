"""Re-seeding keeps what regions and organisations did on the site (issue 14, point 1).

The seed runs at every deploy. Whatever a region's editor changed, published or was sent survives it: a changed
reference row keeps the site's values and the conflict is reported (file, key, field, both values); rows made on
the site are never touched; a row data/ no longer holds is deleted only when nothing hangs on it, otherwise it is
retired (an entry point: still opens, says so) or kept (a phase, a process), and reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.actors.models import Actor, Theme
from krokarm.audit.models import AuditEntry
from krokarm.audit.reference import Conflict, SyncSummary
from krokarm.comments.actions import post_comment
from krokarm.comments.models import Comment
from krokarm.strategies import actions
from krokarm.strategies import reference_data as ref
from krokarm.strategies.models import Contribution, EntryPoint, Phase, Priority, Process, Strategy
from krokarm.strategies.seeding import apply_strategy_data
from krokarm.strategies.tests.factories import (
    AGENCY,
    REGION,
    actor,
    log_in,
    officer,
    open_entry_point,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db

FILE = "strategies/region-ostergotland.yaml"
PHASE_KEY = f"{REGION} / fas / remiss"
SEEDED_TITLE = "Remiss av den reviderade utvecklingsstrategin för Östergötland"
ENTRY_KEY = f"{PHASE_KEY} / ingång / {SEEDED_TITLE}"
Rows = list[ref.RegionStrategyRow]


@cache
def _file_rows() -> tuple[ref.RegionStrategyRow, ...]:
    known = ref.Known(
        regions=frozenset(Actor.objects.filter(kind=Actor.Kind.REGION).values_list("slug", flat=True)),
        actors=frozenset(Actor.objects.values_list("slug", flat=True)),
        areas=frozenset(Theme.objects.filter(kind=Theme.Kind.STRATEGIC_AREA).values_list("slug", flat=True)),
        themes=frozenset(Theme.objects.values_list("slug", flat=True)),
    )
    return tuple(ref.load(settings.DATA_DIR / "strategies", known))


def file_rows(change: Callable[[ref.RegionStrategyRow], ref.RegionStrategyRow] | None = None) -> Rows:
    """The real files, with Östergötland's changed by `change` (as if someone had edited its file)."""
    rows = [dataclasses.replace(row) for row in _file_rows()]
    if change is not None:
        rows = [change(row) if row.region == REGION else row for row in rows]
    return rows


def phases_changed(row: ref.RegionStrategyRow, change: Callable[[ref.PhaseRow], ref.PhaseRow | None]) -> Any:
    assert row.process is not None
    phases = tuple(p for p in (change(phase) for phase in row.process.phases) if p is not None)
    return dataclasses.replace(row, process=dataclasses.replace(row.process, phases=phases))


def without_entry_points(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
    return phases_changed(row, lambda phase: dataclasses.replace(phase, entry_points=()))


def without_phases(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
    return phases_changed(row, lambda phase: None)


def seed(rows: Rows | None = None, *, take_file: bool = False) -> SyncSummary:
    with zeal_ignore():  # the seed reads whole tables on purpose
        return apply_strategy_data(rows if rows is not None else file_rows(), take_file=take_file)


def seeded_phase() -> Phase:
    return Phase.objects.select_related("process__region").get(process__region__slug=REGION, kind="remiss")


def seeded_entry_point() -> EntryPoint:
    return EntryPoint.all_objects.select_related("phase__process__region").get(title=SEEDED_TITLE)


def interest(entry: EntryPoint) -> Contribution:
    """An agency registers interest on a day the entry point was open."""
    with zeal_ignore():
        return actions.register_interest(entry, user=officer(), actor=actor(AGENCY), today=entry.closes_on)


def conflicts_of(summary: SyncSummary, key: str) -> list[Conflict]:
    return [c for c in summary.conflicts if c.key == key]


# Changed on the site


def test_reseeding_keeps_a_phase_a_region_edited_and_reports_the_conflict() -> None:
    phase = seeded_phase()
    file_note = phase.note
    actions.update_phase(phase, {"note": "Remissen skickades ut 1 februari."}, user=region_editor())
    summary = seed()
    phase.refresh_from_db()
    assert phase.note == "Remissen skickades ut 1 februari."  # the region's edit is kept
    [conflict] = conflicts_of(summary, PHASE_KEY)
    assert (conflict.file, conflict.field, conflict.kind, conflict.taken) == (FILE, "note", "edited", "site")
    assert conflict.file_value == file_note and conflict.site_value == "Remissen skickades ut 1 februari."


def test_taking_the_file_overwrites_the_regions_edit_and_says_so() -> None:
    phase = seeded_phase()
    file_note = phase.note
    actions.update_phase(phase, {"note": "Regionens egen anteckning"}, user=region_editor())
    summary = seed(take_file=True)
    phase.refresh_from_db()
    assert phase.note == file_note
    [conflict] = conflicts_of(summary, PHASE_KEY)
    assert conflict.taken == "file" and conflict.site_value == "Regionens egen anteckning"


def test_a_second_seed_changes_nothing_and_writes_no_audit_rows() -> None:
    actions.update_phase(seeded_phase(), {"note": "Ändrad på webbplatsen"}, user=region_editor())
    entry = seeded_entry_point()
    interest(entry)
    seed(file_rows(without_entry_points))  # retires the entry point: reported once
    before = AuditEntry.objects.count()
    summary = seed(file_rows(without_entry_points))
    assert AuditEntry.objects.count() == before
    assert (summary.created, summary.updated, summary.deleted, summary.retired) == (0, 0, 0, 0)
    assert [c.key for c in summary.conflicts] == [PHASE_KEY]  # the edit is still reported; the retired row is not


def test_an_entry_point_title_a_region_changed_is_kept_and_not_made_again() -> None:
    entry = seeded_entry_point()
    values = {"title": "Remiss: reviderad strategi", "invited": [], "themes": list(entry.themes.all())}
    actions.update_entry_point(entry, values, user=region_editor())
    summary = seed()
    assert not EntryPoint.all_objects.filter(title=SEEDED_TITLE).exists()  # no second copy under the file's title
    entry.refresh_from_db()
    assert entry.title == "Remiss: reviderad strategi" and entry.retired_at is None
    [conflict] = conflicts_of(summary, ENTRY_KEY)
    assert (conflict.field, conflict.file_value, conflict.site_value) == (
        "title",
        SEEDED_TITLE,
        "Remiss: reviderad strategi",
    )


def test_an_entry_point_moved_to_another_phase_stays_where_the_region_put_it() -> None:
    entry = seeded_entry_point()
    dialogue = actions.add_phase(process_of_region(), "dialog", {}, user=region_editor())
    actions.update_entry_point(entry, {"phase": dialogue, "themes": list(entry.themes.all())}, user=region_editor())
    summary = seed()
    entry.refresh_from_db()
    assert entry.phase_id == dialogue.pk and EntryPoint.all_objects.filter(title=SEEDED_TITLE).count() == 1
    assert [c.field for c in conflicts_of(summary, ENTRY_KEY)] == ["phase"]


def process_of_region() -> Process:
    return Process.objects.select_related("region").get(region__slug=REGION)


# Made on the site


def test_an_entry_point_and_a_phase_the_region_published_survive_a_reseed_untouched() -> None:
    mine = open_entry_point(title="Regionens egen dialog")
    decision = actions.add_phase(process_of_region(), "beslut", {"note": "Planerat"}, user=region_editor())
    summary = seed()
    mine.refresh_from_db()
    decision.refresh_from_db()
    assert mine.title == "Regionens egen dialog" and mine.retired_at is None and mine.version == 1
    assert decision.note == "Planerat"
    assert not summary.conflicts and summary.deleted == 0


def test_a_file_row_with_the_key_of_a_site_row_is_reported_and_not_applied() -> None:
    mine = actions.add_phase(process_of_region(), "beslut", {"note": "Regionens beslut"}, user=region_editor())

    def add_decision(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
        assert row.process is not None
        decision = ref.PhaseRow("beslut", starts_on=None, ends_on=None, planned=True, note="Ur filen", source_url="")
        phases = (*row.process.phases, decision)
        return dataclasses.replace(row, process=dataclasses.replace(row.process, phases=phases))

    summary = seed(file_rows(add_decision))
    mine.refresh_from_db()
    assert mine.note == "Regionens beslut"
    [conflict] = conflicts_of(summary, f"{REGION} / fas / beslut")
    assert conflict.kind == "site_row" and "not applied" in str(conflict)


# Removed from the files


def test_a_reference_entry_point_nobody_answered_is_deleted_when_the_files_drop_it() -> None:
    entry = seeded_entry_point()
    summary = seed(file_rows(without_entry_points))
    assert not EntryPoint.all_objects.filter(pk=entry.pk).exists()
    assert summary.deleted == 1 and AuditEntry.objects.filter(action="entrypoint.deleted", source="seed").exists()


def test_a_removed_entry_point_with_contributions_is_retired_and_still_opens_saying_so(client: Any) -> None:
    entry = seeded_entry_point()
    contribution = interest(entry)
    summary = seed(file_rows(without_entry_points))
    entry.refresh_from_db()
    assert entry.retired_at is not None and summary.retired == 1
    assert Contribution.objects.filter(pk=contribution.pk).exists()  # the agency's answer is kept
    [conflict] = conflicts_of(summary, ENTRY_KEY)
    assert conflict.kind == "removed" and "strategies.contribution" in conflict.site_value
    # Its own page and the region's list of answers still open; lists, the region page and search leave it out.
    page = client.get(url("entry_point", entry.pk))
    assert page.status_code == 200 and "Gäller inte längre" in page.text
    assert SEEDED_TITLE not in client.get(url("region", REGION)).text
    assert not EntryPoint.objects.filter(pk=entry.pk).exists()
    log_in(client, region_editor())
    answers = client.get(url("contributions", entry.pk))
    assert answers.status_code == 200 and "Arbetsförmedlingen" in answers.text


def test_a_removed_phase_is_kept_while_an_entry_point_the_region_published_hangs_on_it() -> None:
    mine = open_entry_point(title="Regionens egen remiss")
    phase = seeded_phase()
    summary = seed(file_rows(without_phases))
    assert Phase.objects.filter(pk=phase.pk).exists()
    mine.refresh_from_db()
    assert mine.retired_at is None and mine.phase_id == phase.pk
    [conflict] = conflicts_of(summary, PHASE_KEY)
    assert conflict.kind == "removed" and "strategies.entrypoint" in conflict.site_value


def test_a_removed_phase_is_kept_while_an_entry_point_the_region_edited_hangs_on_it() -> None:
    entry = seeded_entry_point()
    actions.update_entry_point(entry, {"description": "Regionens egen beskrivning"}, user=region_editor())
    summary = seed(file_rows(without_phases))
    entry.refresh_from_db()
    # The edited entry point is retired (no longer in the files), not cascaded away with its phase.
    assert entry.description == "Regionens egen beskrivning" and entry.retired_at is not None
    assert Phase.objects.filter(pk=entry.phase_id).exists()
    assert {c.key for c in summary.conflicts if c.kind == "removed"} == {ENTRY_KEY, PHASE_KEY}


def test_a_process_replaced_in_the_file_is_kept_while_answers_hang_below_it() -> None:
    old = process_of_region()
    entry = seeded_entry_point()
    contribution = interest(entry)

    def renamed(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
        assert row.process is not None
        return dataclasses.replace(row, process=dataclasses.replace(row.process, title="Ny revidering"))

    summary = seed(file_rows(renamed))
    assert Process.objects.filter(pk=old.pk).exists() and Process.objects.filter(title="Ny revidering").exists()
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    removed = {c.key for c in summary.conflicts if c.kind == "removed"}
    assert f"{REGION} / process / Revidering av utvecklingsstrategin för Östergötland" in removed


def test_a_process_replaced_in_the_file_is_deleted_when_nothing_hangs_on_it() -> None:
    old = process_of_region()

    def renamed(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
        assert row.process is not None
        return dataclasses.replace(row, process=dataclasses.replace(row.process, title="Ny revidering"))

    summary = seed(file_rows(renamed))
    assert not Process.objects.filter(pk=old.pk).exists() and not summary.conflicts
    assert summary.deleted == 3  # the process, its phase and its entry point, each with an audit row
    assert AuditEntry.objects.filter(action="process.deleted", target_id=str(old.pk)).exists()


def test_an_earlier_strategy_stays_as_history_with_its_priorities_and_comments() -> None:
    old = Strategy.objects.get(region__slug=REGION, is_current=True)
    priorities = Priority.objects.filter(strategy=old).count()
    with zeal_ignore():
        comment = post_comment(old, user=officer(), text="Hur följs kompetensmålen upp?")

    def new_strategy(row: ref.RegionStrategyRow) -> ref.RegionStrategyRow:
        return dataclasses.replace(row, strategy=dataclasses.replace(row.strategy, slug="ny-rus-ostergotland"))

    seed(file_rows(new_strategy))
    old.refresh_from_db()
    assert not old.is_current and Priority.objects.filter(strategy=old).count() == priorities
    assert Strategy.objects.get(slug="ny-rus-ostergotland").is_current
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_strategy_made_in_the_admin_is_left_current_and_reported() -> None:
    own = Strategy.objects.create(
        region=actor(REGION), slug="regionens-egen", name="Regionens egen", source_url="https://example.se"
    )
    summary = seed()
    own.refresh_from_db()
    assert own.is_current
    [conflict] = conflicts_of(summary, f"{REGION} / strategi / regionens-egen")
    assert (conflict.field, conflict.file_value, conflict.site_value) == ("is_current", False, True)


# The command


def test_the_seed_command_prints_each_conflict_with_file_key_field_and_both_values(tmp_path: Path) -> None:
    phase = seeded_phase()
    actions.update_phase(phase, {"ends_on": dt.date(2025, 4, 30)}, user=region_editor())
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    out = StringIO()
    with zeal_ignore():
        call_command("seed", "--data-dir", str(data), stdout=out)
    expected = f"conflict: {FILE} [{PHASE_KEY}] ends_on: file '2025-03-31', site '2025-04-30' — kept the site's value"
    assert expected in out.getvalue()
    phase.refresh_from_db()
    assert phase.ends_on == dt.date(2025, 4, 30)


def test_a_retired_entry_point_offers_no_form_and_refuses_new_contributions_saying_why(client: Any) -> None:
    entry = seeded_entry_point()
    interest(entry)
    seed(file_rows(without_entry_points))
    today = timezone.localdate()
    EntryPoint.all_objects.filter(pk=entry.pk).update(opens_on=today, closes_on=today + dt.timedelta(days=9))
    log_in(client, officer())  # it would be open today, had it not been retired
    page = client.get(url("entry_point", entry.pk))
    assert "Gäller inte längre" in page.text and "Anmäl intresse" not in page.text
    with zeal_ignore():
        refused = client.post(url("interest", entry.pk), {"intresse-actor": AGENCY})
    assert refused.status_code == 409 and "Ingången gäller inte längre och tar inte emot bidrag." in refused.text
    assert Contribution.objects.filter(entry_point=entry).count() == 1  # the earlier answer, and no new one


def test_a_database_seeded_before_reference_records_keeps_its_edits_and_names_file_and_key() -> None:
    from krokarm.audit.models import ReferenceRecord

    ReferenceRecord.objects.filter(target_type__startswith="strategies.").delete()  # as before this release
    mine = open_entry_point(title="Regionens egen remiss")
    phase = seeded_phase()
    actions.update_phase(phase, {"note": "Regionens anteckning"}, user=region_editor())
    summary = seed()
    mine.refresh_from_db()
    assert mine.title == "Regionens egen remiss" and mine.retired_at is None  # made on the site: untouched
    assert summary.created == summary.deleted == 0
    [conflict] = summary.conflicts  # the seed's own rows were adopted from the audit log
    assert (conflict.file, conflict.key, conflict.field) == (FILE, PHASE_KEY, "note")
