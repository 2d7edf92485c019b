"""Re-running the seed keeps what people made and changed in dialogues, and reports where the files disagree.

The test database holds data/dialogues as `krokarm seed` loaded it; each test changes something on the site and
applies the files again (seeding.apply_dialogue_data), sometimes with a row left out of them. Applying rows that
remove something runs audit.dependents, which reads one content type per model on purpose (zeal_ignore there).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from zeal import zeal_ignore

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.audit.reference import SyncSummary
from krokarm.challenges.models import Challenge
from krokarm.comments.actions import post_comment
from krokarm.comments.registry import entry_for
from krokarm.dialogues import actions, reference_data
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Progress, Proposal, Registration
from krokarm.dialogues.seeding import apply_dialogue_data
from krokarm.dialogues.tests.factories import (
    ORGANISER,
    REGION,
    actor,
    coordinator,
    log_in,
    make_event,
    make_session,
    organiser_editor,
    person,
    region_member,
    url,
)
from krokarm.notifications.actions import follow

pytestmark = pytest.mark.django_db
DIRECTORY = Path(settings.DATA_DIR) / "dialogues"
DIALOGUE_DAY = "dialogdag-nationell-och-regional-niva-december-2019"
MEETING = "natverksmote-vad-hande-sedan-mars-2027"
MEETING_FILE = "dialogues/2027-03-natverksmote-vad-hande-sedan.yaml"
DAY_FILE = "dialogues/2019-12-dialogdag-nationell-och-regional-niva.yaml"


def rows() -> list[reference_data.EventRow]:
    known = reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))
    return reference_data.load(DIRECTORY, known, frozenset(Challenge.objects.values_list("slug", flat=True)))


def without(slug: str) -> list[reference_data.EventRow]:
    return [row for row in rows() if row.slug != slug]


def without_first_proposal() -> tuple[list[reference_data.EventRow], str]:
    """The files with the dialogue day's first session's first proposal left out, and that proposal's title."""
    loaded = rows()
    day = next(row for row in loaded if row.slug == DIALOGUE_DAY)
    first, *others = day.sessions
    dropped = first.proposals[0]
    session = dataclasses.replace(first, proposals=first.proposals[1:])
    changed = dataclasses.replace(day, sessions=(session, *others))
    return [changed if row.slug == DIALOGUE_DAY else row for row in loaded], dropped.title


def apply(loaded: list[reference_data.EventRow], **options: Any) -> SyncSummary:
    with zeal_ignore():  # removing rows asks audit.dependents about each model once
        return apply_dialogue_data(loaded, **options)


def seeded_proposal(title: str) -> Proposal:
    return Proposal.all_objects.select_related("session__event").get(session__event__slug=DIALOGUE_DAY, title=title)


# --- Edits on the site ----------------------------------------------------------------------------------------


def test_reseeding_keeps_an_event_title_the_organiser_changed_and_reports_the_conflict() -> None:
    event = Event.objects.get(slug=MEETING)
    file_title = event.title
    actions.update_event(event, user=organiser_editor(), title="Vad hände sedan? Vårt eget namn")
    summary = apply(rows())
    event.refresh_from_db()
    assert event.title == "Vad hände sedan? Vårt eget namn"  # the organiser's text was kept
    (conflict,) = summary.conflicts
    assert (conflict.file, conflict.key, conflict.field, conflict.kind) == (MEETING_FILE, MEETING, "title", "edited")
    assert (conflict.file_value, conflict.site_value, conflict.taken) == (file_title, event.title, "site")
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)


def test_reseeding_with_take_file_puts_the_files_title_back_and_says_so() -> None:
    event = Event.objects.get(slug=MEETING)
    file_title = event.title
    actions.update_event(event, user=organiser_editor(), title="Vårt eget namn")
    summary = apply(rows(), take_file=True)
    event.refresh_from_db()
    assert event.title == file_title
    assert [(c.field, c.site_value, c.taken) for c in summary.conflicts] == [("title", "Vårt eget namn", "file")]
    assert apply(rows()).conflicts == []  # the file's value is the seeded value again: nothing to report


def test_a_next_step_status_moved_on_the_site_is_never_reset_or_reported() -> None:
    followup = FollowUp.objects.filter(proposal__session__event__slug=DIALOGUE_DAY, status="planerad").first()
    assert followup is not None
    actions.update_followup(followup, user=coordinator(), status="klar", text="Klart.")
    summary = apply(rows())
    followup.refresh_from_db()
    assert followup.status == "klar" and summary.conflicts == []
    assert followup.progress.count() == 1  # the file gives no progress for it; the owner's note is kept


# --- Rows people made -----------------------------------------------------------------------------------------


def test_an_event_made_on_the_site_and_what_people_add_to_a_seeded_one_survive_a_reseed() -> None:
    own = make_event(user=organiser_editor(), title="Vår egen dialog")
    day = Event.objects.get(slug=DIALOGUE_DAY)
    session = make_session(day, title="Ett pass vi lade till")
    seeded = DialogueSession.objects.get(event=day, position=1)
    note = actions.capture_note(seeded, user=None, kind=Note.Kind.NOTE, text="Sagt på plats")
    before = AuditEntry.objects.count()
    summary = apply(rows())
    assert Event.objects.filter(pk=own.pk).exists() and DialogueSession.objects.filter(pk=session.pk).exists()
    assert Note.objects.filter(pk=note.pk).exists()
    assert (summary.created, summary.updated, summary.deleted, summary.conflicts) == (0, 0, 0, [])
    assert AuditEntry.objects.count() == before  # nothing of theirs was touched
    assert DialogueSession.objects.filter(event=day).count() == 5  # the four in the file and theirs


# --- Rows the files no longer hold ----------------------------------------------------------------------------


def test_a_reference_proposal_the_files_drop_is_deleted_with_its_next_steps_when_nobody_points_at_it() -> None:
    loaded, title = without_first_proposal()
    proposal = seeded_proposal(title)
    steps = list(FollowUp.objects.filter(proposal=proposal).values_list("pk", flat=True))
    summary = apply(loaded)
    assert not Proposal.all_objects.filter(pk=proposal.pk).exists()
    assert not FollowUp.all_objects.filter(pk__in=steps).exists()
    assert not ReferenceRecord.objects.filter(target_type="dialogues.proposal", target_id=str(proposal.pk)).exists()
    assert summary.deleted >= 1 + len(steps) and summary.retired == 0 and summary.conflicts == []
    assert AuditEntry.objects.filter(action="proposal.deleted", target_id=str(proposal.pk)).exists()


def test_a_reference_proposal_the_files_drop_is_retired_when_it_has_comments_and_its_pages_still_open(
    client: Any,
) -> None:
    loaded, title = without_first_proposal()
    proposal = seeded_proposal(title)
    with zeal_ignore():
        post_comment(proposal, user=region_member(), text="Det här vill vi följa.")
    summary = apply(loaded)
    proposal = Proposal.all_objects.get(pk=proposal.pk)
    assert proposal.retired_at is not None and not Proposal.objects.filter(pk=proposal.pk).exists()
    assert summary.retired == 1
    (conflict,) = [c for c in summary.conflicts if c.kind == "removed"]
    assert conflict.file == DAY_FILE and title[:40] in conflict.key and "comments.thread" in conflict.site_value
    page = client.get(proposal.get_absolute_url())
    assert page.status_code == 200 and "Gäller inte längre" in page.text and title in page.text
    assert "Vi stödjer förslaget" not in page.text  # nothing new is added to it
    assert client.get(entry_for(proposal).thread_url(proposal)).status_code == 200  # the comments are kept
    assert "Det här vill vi följa." in client.get(entry_for(proposal).thread_url(proposal)).text
    # The list of what came out of the day shows it marked, not as current.
    assert "Gäller inte längre" in client.get(url("event", DIALOGUE_DAY)).text


def test_an_event_the_files_drop_is_retired_when_people_registered_and_the_list_leaves_it_out(client: Any) -> None:
    member = region_member()
    with zeal_ignore():
        actions.register(Event.objects.get(slug=MEETING), user=member, actor=actor(REGION))
    summary = apply(without(MEETING))
    event = Event.all_objects.get(slug=MEETING)
    assert event.retired_at is not None and Registration.objects.filter(event=event, user=member).exists()
    assert [(c.key, c.kind) for c in summary.conflicts] == [(MEETING, "removed")]
    assert "dialogues.registration" in summary.conflicts[0].site_value
    assert MEETING not in client.get(url("list")).text
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200 and "Gäller inte längre" in page.text
    log_in(client, person(REGION))
    refused = client.post(url("register", MEETING), {"actor": REGION, "once": "ett-försök"})
    assert refused.status_code == 409 and "Dialogen gäller inte längre." in refused.text
    assert Registration.objects.filter(event=event).count() == 1  # only the registration from before


def test_a_followed_next_step_keeps_its_proposal_session_and_event_when_the_files_drop_the_day(
    client: Any,
) -> None:
    followup = FollowUp.objects.filter(proposal__session__event__slug=DIALOGUE_DAY).select_related("proposal").first()
    assert followup is not None
    with zeal_ignore():
        follow(region_member(), followup, source="test")
    proposal, session = followup.proposal, followup.proposal.session
    summary = apply(without(DIALOGUE_DAY))
    # The next step is kept for its follower; what it hangs on is kept with it, marked as no longer current.
    for model, pk in ((FollowUp, followup.pk), (Proposal, proposal.pk), (DialogueSession, session.pk)):
        assert model._base_manager.get(pk=pk).retired_at is not None
    assert Event.all_objects.get(slug=DIALOGUE_DAY).retired_at is not None
    # What nobody pointed at is gone.
    assert not Proposal.all_objects.filter(session__event__slug=DIALOGUE_DAY).exclude(pk=proposal.pk).exists()
    assert not Progress.objects.filter(followup__proposal__session__event__slug=DIALOGUE_DAY).exists()
    assert summary.retired == 4 and {c.kind for c in summary.conflicts} == {"removed"}
    assert len(summary.conflicts) == 4
    for address in (followup.get_absolute_url(), proposal.get_absolute_url(), url("event", DIALOGUE_DAY)):
        page = client.get(address)
        assert page.status_code == 200 and "Gäller inte längre" in page.text
    before = AuditEntry.objects.count()
    again = apply(without(DIALOGUE_DAY))
    assert (again.deleted, again.retired, again.conflicts) == (0, 0, [])  # reported once, nothing written again
    assert AuditEntry.objects.count() == before


def test_the_files_listing_a_retired_event_again_bring_it_back() -> None:
    with zeal_ignore():
        actions.register(Event.objects.get(slug=MEETING), user=region_member(), actor=actor(REGION))
    apply(without(MEETING))
    apply(rows())
    assert Event.objects.get(slug=MEETING).retired_at is None


def test_nothing_new_is_added_to_a_retired_session_or_proposal() -> None:
    loaded, title = without_first_proposal()
    proposal = seeded_proposal(title)
    with zeal_ignore():
        post_comment(proposal, user=region_member(), text="Kvar.")
    apply(loaded)
    proposal = Proposal.all_objects.get(pk=proposal.pk)
    with pytest.raises(actions.DialogueRefused, match="Förslaget gäller inte längre"):
        actions.support_proposal(proposal, user=person(ORGANISER), actor=actor(ORGANISER))
    assert not proposal.supports.filter(actor__slug=ORGANISER).exists()


def test_the_seed_command_prints_each_dialogue_conflict() -> None:
    from io import StringIO

    from django.core.management import call_command

    event = Event.objects.get(slug=MEETING)
    actions.update_event(event, user=organiser_editor(), place="Tillväxtverket, Stockholm")
    out = StringIO()
    with zeal_ignore():  # the whole seed, on purpose
        call_command("seed", verbosity=0, stdout=out)
    text = out.getvalue()
    assert f"conflict: {MEETING_FILE} [{MEETING}] place: file " in text
    assert "site 'Tillväxtverket, Stockholm' — kept the site's value" in text
    assert "Dialogues: 0 created, 0 updated, 0 deleted, 1 conflicts (site values kept)" in text
