"""How audit rows read to people, for any audited model: names and values in words, the seed as one line a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation

from krokarm.audit.history import describe, for_people
from krokarm.audit.models import AuditEntry


def row(target_type: str, action: str, changes: dict[str, list[Any]], *, source: str = "web", **when: int) -> Any:
    moment = dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC) + dt.timedelta(**when)
    return AuditEntry(
        target_type=target_type, action=action, changes=changes, source=source, target_repr="x", created_at=moment
    )


def test_a_date_and_a_choice_read_in_words_not_as_stored() -> None:
    change = {"due_on": ["2026-06-30", "2026-11-27"], "status": ["planerad", "klar"]}
    with translation.override("sv"):
        [line] = describe([row("dialogues.followup", "followup.updated", change)], show_users=False)
    assert [(c.field, c.old, c.new) for c in line.changes] == [
        ("klart senast", "30 juni 2026", "27 november 2026"),
        ("status", "Planerad", "Klar"),
    ]


def test_a_field_that_reads_the_same_before_and_after_is_left_out() -> None:
    changes: dict[str, list[Any]] = {"seat": [None, ""], "short_name": ["", "AF"]}
    [line] = describe([row("actors.actor", "actor.updated", changes)], show_users=False)
    assert [(c.field, c.old, c.new) for c in line.changes] == [("kort namn", "(tomt)", "AF")]


def test_the_seeds_rows_read_as_one_line_for_each_day_it_loaded_them() -> None:
    entries = [  # newest first, as the timeline reads them
        row("actors.actor", "actor.updated", {"seat": ["Stockholm", "Kiruna"]}, source="seed", days=30),
        row("actors.responsibility", "responsibility.created", {"role": [None, "leder"]}, source="seed", hours=1),
        row("actors.actor", "actor.created", {"kind": [None, "agency"]}, source="seed"),
    ]
    with translation.override("sv"):
        lines = for_people(entries, show_users=False)
    assert [line.what for line in lines] == [
        "Uppgifterna lästes in från referensdata 27 december 2026",
        "Uppgifterna lästes in från referensdata 27 november 2026",
    ]
    assert [line.changes for line in lines] == [[], []]


def test_a_retired_row_says_so_although_none_of_its_fields_is_shown() -> None:
    changes = {"retired_at": [None, "2026-11-27 10:00:00+00:00"]}
    [line] = for_people([row("actors.responsibility", "responsibility.retired", changes)], show_users=False)
    assert line.what == "Ansvar gäller inte längre" and line.changes == []
