"""data/challenges/*.yaml: loaded by `krokarm seed`, idempotently, with a source on every row."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import AuditEntry
from krokarm.challenges import reference_data
from krokarm.challenges.actions import apply_challenge_data
from krokarm.challenges.models import Approach, Challenge, Participant

pytestmark = pytest.mark.django_db
DIRECTORY = Path(settings.DATA_DIR) / "challenges"


def known() -> reference_data.Known:
    return reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))


def test_the_seed_holds_the_three_required_challenges() -> None:
    kinds = dict(Challenge.objects.values_list("slug", "kind"))
    assert kinds["omstallning-till-ett-fossilfritt-samhalle"] == "generell"
    assert kinds["kompetensforsorjning-for-industrietableringarna-i-norr"] == "platsbaserad"
    assert kinds["en-gemensam-vag-in-for-kompetensforsorjning"] == "generell"
    assert Approach.objects.filter(challenge__slug__in=kinds).count() >= 6


def test_every_seeded_row_has_a_source() -> None:
    assert not Challenge.objects.filter(source="").exists()
    assert not Participant.objects.filter(source="").exists()
    assert not Approach.objects.filter(source="").exists()


def test_a_second_run_changes_nothing() -> None:
    rows = reference_data.load(DIRECTORY, known())
    before = AuditEntry.objects.count()
    summary = apply_challenge_data(rows)
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)
    assert AuditEntry.objects.count() == before


def test_a_reseed_keeps_what_was_added_on_the_site_and_the_status() -> None:
    from krokarm.challenges import actions
    from krokarm.challenges.tests.factories import make_approach

    challenge = Challenge.objects.get(slug="en-gemensam-vag-in-for-kompetensforsorjning")
    actions.change_status(challenge, user=None, status="overenskommen")
    make_approach(challenge)
    apply_challenge_data(reference_data.load(DIRECTORY, known()))
    challenge.refresh_from_db()
    assert (
        challenge.status == "overenskommen" and challenge.approaches.filter(region__slug="region-ostergotland").exists()
    )


def test_an_unknown_actor_is_reported_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "fel.yaml").write_text(
        "slug: fel\ntitle: Fel\ngoal: Mål\nkind: generell\nstatus: forslag\nlead: finns-inte\nsource: https://example.org/\n",
        encoding="utf-8",
    )
    with pytest.raises(reference_data.ReferenceDataError, match=r"fel\.yaml: unknown lead actor finns-inte"):
        reference_data.load(tmp_path, known())


def test_a_row_without_a_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "utan.yaml").write_text(
        "slug: utan\ntitle: Utan\ngoal: Mål\nkind: generell\nstatus: forslag\n"
        "lead: tillvaxtverket\nsource: https://example.org/\n"
        "approaches:\n  - region: region-skane\n    summary: Vi arbetar\n    status: pagar\n",
        encoding="utf-8",
    )
    with pytest.raises(reference_data.ReferenceDataError, match="'source' is required"):
        reference_data.load(tmp_path, known())
