"""data/dialogues/*.yaml: loaded by `krokarm seed`, idempotently, with a source on every event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import AuditEntry
from krokarm.challenges.models import Challenge
from krokarm.dialogues import actions, reference_data
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal
from krokarm.dialogues.seeding import apply_dialogue_data
from krokarm.dialogues.tests.factories import coordinator

pytestmark = pytest.mark.django_db
DIRECTORY = Path(settings.DATA_DIR) / "dialogues"
DIALOGUE_DAY = "dialogdag-nationell-och-regional-niva-december-2019"


def known() -> reference_data.Known:
    return reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))


def rows() -> list[reference_data.EventRow]:
    return reference_data.load(DIRECTORY, known(), frozenset(Challenge.objects.values_list("slug", flat=True)))


def test_the_dialogue_day_invites_all_21_regions_and_has_four_sessions_with_proposals() -> None:
    event = Event.objects.get(slug=DIALOGUE_DAY)
    assert event.organiser.slug == "tillvaxtverket" and event.kind == Event.Kind.DIALOGUE_DAY
    assert event.invited.filter(kind="region").count() == 21
    assert event.invited.filter(slug="myndighetsnatverket").exists()
    assert timezone.localtime(event.starts_at).date().isoformat().startswith("2019-12")
    sessions = list(DialogueSession.objects.filter(event=event).order_by("position"))
    assert len(sessions) == 4
    assert Note.objects.filter(session__event=event, kind=Note.Kind.INSIGHT).count() >= 4
    links = set(FollowUp.objects.filter(proposal__session__event=event).values_list("link", flat=True))
    assert {"/fraga/", "/finansiering/matris/", "/vem-ansvarar-for-vad/", "/strategier/"} <= links
    assert "/natverk/samverkan/myndighetsnatverket-och-rus-natverket/" in links
    assert "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/" in links


def test_every_seeded_event_has_a_source_and_says_what_is_unconfirmed() -> None:
    events = Event.objects.filter(slug__in=[row.slug for row in rows()])
    assert events.count() == 2
    for event in events:
        assert event.source_url.startswith("https://")
        assert reference_data.UNCONFIRMED_PREFIX in event.description


def test_follow_up_actions_are_dated_2020_to_2027() -> None:
    dates = FollowUp.objects.filter(proposal__session__event__slug=DIALOGUE_DAY).values_list("due_on", flat=True)
    assert dates and all(dt.date(2020, 1, 1) <= d <= dt.date(2027, 12, 31) for d in dates)


def test_one_upcoming_event_has_open_registration() -> None:
    upcoming = [e for e in Event.objects.filter(slug__in=[row.slug for row in rows()]) if e.registration_open]
    assert len(upcoming) == 1 and upcoming[0].capacity and upcoming[0].starts_at.year == 2027


def test_a_second_run_changes_nothing() -> None:
    before = AuditEntry.objects.count()
    summary = apply_dialogue_data(rows())
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)
    assert AuditEntry.objects.count() == before


def test_a_reseed_keeps_the_statuses_and_progress_set_on_the_site() -> None:
    followup = FollowUp.objects.filter(proposal__session__event__slug=DIALOGUE_DAY, status="planerad").first()
    assert followup is not None
    actions.update_followup(followup, user=coordinator(), status="pagar", text="Vi har börjat.")
    proposal = Proposal.objects.filter(session__event__slug=DIALOGUE_DAY).first()
    assert proposal is not None
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.DECLINED)
    summary = apply_dialogue_data(rows())
    assert (summary.created, summary.updated) == (0, 0)
    followup.refresh_from_db()
    proposal.refresh_from_db()
    assert followup.status == "pagar" and proposal.status == Proposal.Status.DECLINED
    assert followup.progress.count() == 1


def test_a_changed_title_in_the_files_updates_the_event(tmp_path: Path) -> None:
    for path in DIRECTORY.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("Uppföljning av dialogdagen", "Uppföljning")
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    loaded = reference_data.load(tmp_path, known(), frozenset(Challenge.objects.values_list("slug", flat=True)))
    summary = apply_dialogue_data(loaded)
    assert (summary.created, summary.updated, summary.deleted, summary.conflicts) == (0, 1, 0, [])
    meeting = next(row for row in loaded if row.file.startswith("2027"))
    assert Event.objects.get(slug=meeting.slug).title.endswith("Uppföljning 2019")


def test_an_unknown_actor_is_reported_with_the_file(tmp_path: Path) -> None:
    (tmp_path / "fel.yaml").write_text(
        "slug: fel\ntitle: Fel\nkind: dialogdag\norganiser: finns-inte\nsource: https://example.org/\n"
        "starts_at: 2027-01-01T09:00:00+01:00\nends_at: 2027-01-01T10:00:00+01:00\n",
        encoding="utf-8",
    )
    with pytest.raises(reference_data.ReferenceDataError, match=r"fel\.yaml: unknown organiser actor finns-inte"):
        reference_data.load(tmp_path, known())


def test_an_event_without_a_source_or_with_a_time_without_offset_is_refused(tmp_path: Path) -> None:
    base = "slug: x\ntitle: X\nkind: webbinarium\norganiser: tillvaxtverket\n"
    times = "starts_at: 2027-01-01T09:00:00+01:00\nends_at: 2027-01-01T10:00:00+01:00\n"
    (tmp_path / "utan.yaml").write_text(base + times, encoding="utf-8")
    with pytest.raises(reference_data.ReferenceDataError, match="'source' is required"):
        reference_data.load(tmp_path, known())
    (tmp_path / "utan.yaml").write_text(
        base + "source: https://example.org/\nstarts_at: 2027-01-01T09:00:00\nends_at: 2027-01-01T10:00:00\n",
        encoding="utf-8",
    )
    with pytest.raises(reference_data.ReferenceDataError, match="UTC offset"):
        reference_data.load(tmp_path, known())


def test_the_seed_command_reports_the_dialogues_and_changes_nothing_the_second_time() -> None:
    from io import StringIO

    from django.core.management import call_command
    from zeal import zeal_ignore

    out = StringIO()
    with zeal_ignore():  # the whole seed, on purpose
        call_command("seed", verbosity=0, stdout=out)
    assert "Dialogues: 0 created, 0 updated, 0 deleted" in out.getvalue()
