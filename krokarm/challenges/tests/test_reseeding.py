"""Seeding data/challenges/ again keeps everybody's work: edits on the site survive and are reported as conflicts,
rows made on the site are never touched, and a challenge the files drop is deleted only when nobody points at it
(otherwise retired: still reachable, marked as no longer current)."""

from __future__ import annotations

import dataclasses
import functools
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.challenges import actions, reference_data
from krokarm.challenges.actions import apply_challenge_data
from krokarm.challenges.models import Approach, Challenge, Outcome, Participant
from krokarm.challenges.reference_data import ApproachRow, ChallengeRow, OutcomeRow, ParticipantRow
from krokarm.challenges.tests.factories import (
    SEEDED,
    actor,
    editor,
    log_in,
    make_approach,
    make_challenge,
    region_editor,
    url,
)
from krokarm.comments.actions import post_comment
from krokarm.search.models import Entry

pytestmark = pytest.mark.django_db
DIRECTORY = Path(settings.DATA_DIR) / "challenges"
NORRBOTTEN = "region-norrbotten"
SEEDED_FILE = f"challenges/{SEEDED}.yaml"
EXTRA = "utmaning-bara-i-testet"


@functools.cache
def known() -> reference_data.Known:
    return reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))


def files(*extra: ChallengeRow) -> list[ChallengeRow]:
    """What data/challenges/ holds, plus `extra` rows as if they were files too."""
    return [*reference_data.load(DIRECTORY, known()), *extra]


def extra_row(**changes: Any) -> ChallengeRow:
    """A challenge file of the test's own: one outcome, one participant besides the lead, one approach."""
    row = ChallengeRow(
        file=f"challenges/{EXTRA}.yaml",
        slug=EXTRA,
        title="En utmaning bara i testet",
        goal="Visa att inget går förlorat.",
        description="",
        kind="generell",
        status="forslag",
        lead="tillvaxtverket",
        themes=("kompetensforsorjning",),
        unconfirmed="",
        source="https://example.org/utmaning",
        outcomes=(OutcomeRow("Inget går förlorat", "Antal förlorade rader"),),
        participants=(ParticipantRow("skolverket", "bidrar", "", "https://example.org/skolverket"),),
        approaches=(
            ApproachRow(
                region=NORRBOTTEN,
                summary="Vi provar.",
                measures=("Ett test",),
                status="planerad",
                contact_name="",
                contact_email="",
                starts_on=None,
                ends_on=None,
                unconfirmed="",
                source="https://example.org/norrbotten",
            ),
        ),
    )
    return dataclasses.replace(row, **changes)


def seed(*extra: ChallengeRow, take_file: bool = False) -> Any:
    with zeal_ignore():  # the seed reads each challenge's parts one challenge at a time, by design
        return apply_challenge_data(files(*extra), take_file=take_file)


def norrbotten_approach() -> Approach:
    with zeal_ignore():  # read again after each step, on purpose
        return Approach.objects.get(challenge__slug=SEEDED, region__slug=NORRBOTTEN)


def rewrite_norrbotten_approach(summary: str) -> None:
    """Region Norrbotten's editor rewrites the approach the seed made, through the page's action."""
    challenge = Challenge.objects.get(slug=SEEDED)
    approach = norrbotten_approach()
    with zeal_ignore():
        actions.save_approach(
            challenge,
            user=region_editor(NORRBOTTEN),
            region=actor(NORRBOTTEN),
            summary=summary,
            measures=approach.measures,
            status=approach.status,
            expected_version=approach.version,
        )


def test_reseeding_keeps_an_approach_a_region_edited_and_reports_the_conflict() -> None:
    file_text = norrbotten_approach().summary
    rewrite_norrbotten_approach("Norrbotten skriver själv hur regionen arbetar.")
    summary = seed()
    assert norrbotten_approach().summary == "Norrbotten skriver själv hur regionen arbetar."  # the region's kept
    (conflict,) = summary.conflicts
    assert (conflict.file, conflict.key, conflict.field) == (
        SEEDED_FILE,
        f"{SEEDED} / arbetssätt / {NORRBOTTEN}",
        "summary",
    )
    assert conflict.file_value == file_text and conflict.site_value == "Norrbotten skriver själv hur regionen arbetar."
    assert conflict.taken == "site"


def test_reseeding_with_take_file_takes_the_files_text_and_still_reports_what_it_replaced() -> None:
    file_text = norrbotten_approach().summary
    rewrite_norrbotten_approach("Norrbotten skriver själv.")
    summary = seed(take_file=True)
    assert norrbotten_approach().summary == file_text
    (conflict,) = summary.conflicts
    assert conflict.site_value == "Norrbotten skriver själv." and conflict.taken == "file"
    assert not seed().conflicts  # the file's text is the seed's again: nothing left to report


def test_a_second_seed_changes_nothing_and_writes_no_audit_rows() -> None:
    before = AuditEntry.objects.count()
    summary = seed()
    assert (summary.created, summary.updated, summary.deleted, summary.retired, summary.conflicts) == (0, 0, 0, 0, [])
    assert AuditEntry.objects.count() == before


def test_every_seeded_row_knows_its_file_and_key() -> None:
    challenge = Challenge.objects.get(slug=SEEDED)
    records = ReferenceRecord.objects.filter(file=SEEDED_FILE)
    keys = set(records.values_list("key", flat=True))
    assert {SEEDED, f"{SEEDED} / resultat 1", f"{SEEDED} / deltagare / tillvaxtverket"} <= keys
    assert f"{SEEDED} / arbetssätt / {NORRBOTTEN}" in keys
    assert records.filter(target_type="challenges.challenge", target_id=str(challenge.pk)).exists()


def test_a_challenge_made_on_the_site_is_never_changed_by_a_file_with_the_same_address() -> None:
    mine = make_challenge(title="Utmaning bara i testet")
    assert mine.slug == EXTRA
    summary = seed(extra_row(title="Filens rubrik"))
    mine.refresh_from_db()
    assert mine.title == "Utmaning bara i testet" and not mine.approaches.exists()  # the site's challenge kept
    (conflict,) = summary.conflicts
    assert conflict.kind == "site_row" and conflict.key == EXTRA


def test_what_organisations_add_on_the_site_survives_a_reseed() -> None:
    challenge = Challenge.objects.get(slug=SEEDED)
    with zeal_ignore():
        actions.change_status(challenge, user=None, status="overenskommen")
        actions.add_participant(challenge, user=None, actor=actor("skolverket"), role="bidrar", note="Vi är med")
    make_approach(challenge, region="region-ostergotland")
    seed()
    challenge.refresh_from_db()
    assert challenge.status == "overenskommen"  # the status moves on the site; the file sets it once
    assert challenge.participants.filter(actor__slug="skolverket", note="Vi är med").exists()
    assert challenge.approaches.filter(region__slug="region-ostergotland").exists()


def test_an_organisation_that_left_on_the_site_is_not_brought_back_by_the_seed() -> None:
    challenge = Challenge.objects.get(slug=SEEDED)
    participant = challenge.participants.get(actor__slug="arbetsformedlingen")
    participant.challenge = challenge
    with zeal_ignore():
        actions.remove_participant(participant, user=None)
    seed()
    assert not challenge.participants.filter(actor__slug="arbetsformedlingen").exists()  # the leaving is kept
    with zeal_ignore():
        actions.join_challenge(challenge, user=None, actor=actor("arbetsformedlingen"))
    (back,) = Participant.all_objects.filter(challenge=challenge, actor__slug="arbetsformedlingen")
    assert back.pk == participant.pk and back.retired_at is None  # joining again brings the same row back


def test_an_outcome_the_editors_took_away_is_not_brought_back_and_their_rewording_is_kept() -> None:
    challenge = Challenge.objects.get(slug=SEEDED)
    first, second = challenge.outcomes.order_by("order")
    with zeal_ignore():
        actions.update_challenge(
            challenge,
            user=editor("tillvaxtverket"),
            title=challenge.title,
            goal=challenge.goal,
            description=challenge.description,
            kind=challenge.kind,
            themes=list(challenge.themes.all()),
            outcomes=[("Behoven är kända.", first.indicator)],
        )
    summary = seed()
    assert [(o.text, o.indicator) for o in challenge.outcomes.all()] == [("Behoven är kända.", first.indicator)]
    assert Outcome.all_objects.get(pk=second.pk).retired_at is not None  # kept out of sight, not brought back
    (conflict,) = summary.conflicts
    assert (conflict.key, conflict.field, conflict.site_value) == (
        f"{SEEDED} / resultat 1",
        "text",
        "Behoven är kända.",
    )


def test_a_challenge_the_files_drop_is_deleted_when_nobody_points_at_it() -> None:
    seed(extra_row())
    challenge = Challenge.objects.get(slug=EXTRA)
    summary = seed()
    assert not Challenge.all_objects.filter(slug=EXTRA).exists()
    assert summary.deleted >= 1 and not summary.conflicts
    assert not ReferenceRecord.objects.filter(key__startswith=EXTRA).exists()  # nothing left pointing at nothing
    assert AuditEntry.objects.filter(action="challenge.deleted", target_id=str(challenge.pk), source="seed").exists()


def test_a_challenge_the_files_drop_with_a_comment_thread_is_retired_and_still_opens_marked(client: Any) -> None:
    seed(extra_row())
    challenge = Challenge.objects.get(slug=EXTRA)
    with zeal_ignore():
        post_comment(challenge, user=editor(), text="Vi vill vara med.")
    summary = seed()
    retired = Challenge.all_objects.get(slug=EXTRA)
    assert retired.retired_at is not None and summary.retired == 1
    (conflict,) = summary.conflicts
    assert conflict.kind == "removed" and "comments.thread" in conflict.site_value
    # Its page, with what it held, still opens and says plainly that it no longer applies.
    page = client.get(retired.get_absolute_url())
    assert page.status_code == 200 and "Utmaningen gäller inte längre" in page.text
    assert "Inget går förlorat" in page.text and "Vi provar." in page.text
    # Lists, search and the API leave it out.
    assert EXTRA not in client.get(url("list")).text
    assert not Entry.objects.filter(kind="utmaning", title=retired.title).exists()
    assert EXTRA not in client.get("/api/v1/challenges").text
    # Nobody changes it any more.
    log_in(client, editor("tillvaxtverket"))
    assert client.get(url("edit", EXTRA)).status_code == 409


def test_a_retired_challenge_comes_back_when_the_files_hold_it_again() -> None:
    seed(extra_row())
    with zeal_ignore():
        post_comment(Challenge.objects.get(slug=EXTRA), user=editor(), text="Vi vill vara med.")
    seed()
    seed(extra_row())
    challenge = Challenge.objects.get(slug=EXTRA)  # current again
    assert challenge.retired_at is None and challenge.outcomes.count() == 1


def test_the_seed_moves_the_version_on_when_it_changes_the_outcomes() -> None:
    seed(extra_row())
    challenge = Challenge.objects.get(slug=EXTRA)
    seed(extra_row(outcomes=(OutcomeRow("Inget går någonsin förlorat", "Antal förlorade rader"),)))
    after = Challenge.objects.get(slug=EXTRA)
    assert after.version == challenge.version + 1  # an edit form opened before is told instead of writing back
    row = AuditEntry.objects.filter(action="challenge.updated", target_id=str(challenge.pk)).latest("id")
    assert row.source == "seed" and row.changes["outcomes"][1] == [
        "Inget går någonsin förlorat (Antal förlorade rader)"
    ]


def test_a_database_seeded_before_reference_records_existed_is_adopted_without_conflicts() -> None:
    ReferenceRecord.objects.filter(target_type__startswith="challenges.").delete()
    before = AuditEntry.objects.count()
    summary = seed()
    assert (summary.created, summary.deleted, summary.conflicts) == (0, 0, [])
    assert AuditEntry.objects.count() == before
    assert ReferenceRecord.objects.filter(target_type="challenges.challenge", key=SEEDED).exists()


def test_the_seed_command_prints_each_conflict_with_file_key_field_and_both_values() -> None:
    rewrite_norrbotten_approach("Norrbotten skriver själv.")
    out = StringIO()
    with zeal_ignore():
        call_command("seed", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "conflict:" in line and SEEDED_FILE in line]
    assert len(lines) == 1 and "summary" in lines[0] and "'Norrbotten skriver själv.'" in lines[0]
    assert "kept the site's value" in lines[0]
    assert reverse("challenges:detail", args=[SEEDED])  # the challenge is still there
