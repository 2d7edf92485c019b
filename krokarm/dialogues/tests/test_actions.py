"""dialogues.actions: every change leaves a public audit row naming the organisation, the right people hear
about it, and refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import User
from krokarm.audit.models import AuditEntry
from krokarm.dialogues import actions, queries
from krokarm.dialogues.models import Event, FollowUp, Note, Progress, Proposal, Registration, Support
from krokarm.dialogues.tests.factories import (
    AGENCY,
    ORGANISER,
    OWNER,
    REGION,
    actor,
    make_event,
    make_followup,
    make_note,
    make_past_event,
    make_proposal,
    make_registration,
    make_session,
    officer,
    organiser_editor,
    owner_editor,
    person,
    region_member,
    theme,
)
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db


def audit_rows(action: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(action=action).exclude(source="seed").select_related("organisation").order_by("pk")
    )


def notices_for(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


# Events --------------------------------------------------------------------------------------------------------


def test_creating_an_event_records_a_public_audit_row_for_the_organiser() -> None:
    editor = organiser_editor()
    event = make_event(user=editor, capacity=40)
    (row,) = audit_rows("event.created")
    assert row.public and row.user == editor and row.organisation.slug == ORGANISER
    assert row.target_id == str(event.pk)
    assert row.changes["invited"] == [[], sorted([AGENCY, REGION])] and row.changes["capacity"] == [None, 40]
    assert event.created_by == editor and event.slug == "dialogdag-om-kompetensforsorjning"


def test_two_events_with_the_same_title_get_different_addresses() -> None:
    first, second = make_event(), make_event()
    assert first.slug != second.slug and second.slug.startswith(first.slug)


def test_a_new_event_tells_the_followers_of_the_organiser_and_of_the_invited_but_not_the_author() -> None:
    editor, region_person, agency_person = organiser_editor(), region_member(), officer()
    follow(region_person, actor(REGION), source="test")
    follow(agency_person, actor(ORGANISER), source="test")
    follow(editor, actor(ORGANISER), source="test")
    make_event(user=editor, title="Webbinarium om RUS")
    assert len(notices_for(region_person)) == 1 and len(notices_for(agency_person)) == 1
    assert "Webbinarium om RUS" in notices_for(region_person)[0]
    assert notices_for(editor) == []


def test_an_event_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(actions.DialogueRefused, match="sluta innan den börjar"):
        make_event(hours=-1)
    assert not Event.objects.filter(slug="dialogdag-om-kompetensforsorjning").exists()


def test_updating_an_event_records_exactly_what_changed_and_tells_its_followers() -> None:
    editor, follower = organiser_editor(), region_member()
    event = make_event(user=editor)
    follow(follower, event, source="test")
    changes = actions.update_event(event, user=editor, place="Göteborg", title=event.title, invited=[actor(AGENCY)])
    assert set(changes) == {"place", "invited"} and changes["invited"] == [sorted([AGENCY, REGION]), [AGENCY]]
    (row,) = audit_rows("event.updated")
    assert row.organisation.slug == ORGANISER and row.changes["place"] == ["", "Göteborg"]
    assert len(notices_for(follower)) == 1
    with zeal_ignore():  # the same action twice in one test, on purpose
        assert actions.update_event(event, user=editor, place="Göteborg") == {}
    assert len(audit_rows("event.updated")) == 1


def test_updating_an_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        actions.update_event(make_event(), user=None, slug="annat")


# Registrations -------------------------------------------------------------------------------------------------


def test_registering_records_a_row_for_the_organisation_the_person_comes_for() -> None:
    event = make_event()
    user = region_member()
    registration = make_registration(event, user)
    assert registration.status == Registration.Status.REGISTERED and registration.actor.slug == REGION
    (row,) = audit_rows("registration.created")
    assert row.user == user and row.organisation.slug == REGION


def test_when_every_place_is_taken_the_next_person_goes_on_the_waitlist() -> None:
    event = make_event(capacity=1)
    first = make_registration(event)
    second = make_registration(event, slug=AGENCY)
    assert first.status == Registration.Status.REGISTERED and second.status == Registration.Status.WAITLIST


def test_registration_is_refused_after_it_has_closed() -> None:
    event = make_event(closes_in=-dt.timedelta(hours=1))
    with pytest.raises(actions.DialogueRefused, match="Anmälan till dialogen är stängd"):
        make_registration(event)
    assert not Registration.objects.filter(event=event).exists()


def test_registration_is_refused_for_an_event_that_is_over() -> None:
    event = make_past_event()
    with pytest.raises(actions.DialogueRefused, match="redan genomförd"):
        make_registration(event)
    assert not Registration.objects.filter(event=event).exists()


def test_registering_twice_is_refused_whether_registered_or_waiting() -> None:
    event = make_event(capacity=1)
    user, waiting = region_member(), officer()
    make_registration(event, user)
    make_registration(event, waiting, slug=AGENCY)
    with pytest.raises(actions.DialogueRefused, match="redan anmäld"):
        make_registration(event, user)
    with pytest.raises(actions.DialogueRefused, match="väntelistan"):
        make_registration(event, waiting, slug=AGENCY)
    assert Registration.objects.filter(event=event).count() == 2


def test_one_can_only_register_for_an_organisation_one_works_for() -> None:
    with pytest.raises(actions.DialogueRefused, match="organisation du tillhör"):
        actions.register(make_event(), user=region_member(), actor=actor(AGENCY))
    assert not audit_rows("registration.created")


def test_registering_again_after_cancelling_takes_up_the_same_row() -> None:
    event = make_event()
    user = region_member()
    registration = make_registration(event, user)
    actions.cancel_registration(registration, user=user)
    again = make_registration(event, user)
    assert again.pk == registration.pk and again.status == Registration.Status.REGISTERED
    (row,) = audit_rows("registration.renewed")
    assert row.changes["status"] == [Registration.Status.CANCELLED, Registration.Status.REGISTERED]


def test_cancelling_gives_the_place_to_the_first_on_the_waitlist_who_is_told() -> None:
    event = make_event(capacity=1)
    first_user, second_user, third_user = region_member(), officer(), person(REGION)
    first = make_registration(event, first_user)
    second = make_registration(event, second_user, slug=AGENCY)
    third = make_registration(event, third_user)
    cancelled = actions.cancel_registration(first, user=first_user)
    assert cancelled.status == Registration.Status.CANCELLED
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert statuses[second.pk] == Registration.Status.REGISTERED and statuses[third.pk] == Registration.Status.WAITLIST
    assert len(notices_for(second_user)) == 1 and event.title in notices_for(second_user)[0]
    assert notices_for(third_user) == [] and notices_for(first_user) == []
    (row,) = audit_rows("registration.promoted")
    assert row.target_id == str(second.pk) and row.organisation.slug == AGENCY


def test_cancelling_twice_writes_nothing_the_second_time() -> None:
    event = make_event()
    user = region_member()
    registration = make_registration(event, user)
    actions.cancel_registration(registration, user=user)
    with zeal_ignore():  # the same action twice in one test, on purpose
        actions.cancel_registration(registration, user=user)
    assert len(audit_rows("registration.cancelled")) == 1


def test_more_places_move_people_up_from_the_waitlist() -> None:
    editor = organiser_editor()
    event = make_event(capacity=1)
    make_registration(event)
    waiting = make_registration(event, slug=AGENCY)
    actions.update_event(event, user=editor, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED


# Sessions, notes and proposals ---------------------------------------------------------------------------------


def test_sessions_are_numbered_in_the_order_they_are_added_and_followers_hear_of_them() -> None:
    editor, follower = organiser_editor(), region_member()
    event = make_event(user=editor)
    follow(follower, event, source="test")
    first = make_session(event, user=editor)
    second = make_session(event, user=editor, title="Roller och mandat")
    assert (first.position, second.position) == (1, 2)
    assert len(notices_for(follower)) == 2 and "Roller och mandat" in notices_for(follower)[1]
    rows = audit_rows("dialoguesession.created")
    assert len(rows) == 2 and rows[0].organisation.slug == ORGANISER


def test_a_note_is_audited_for_the_organiser_and_an_unknown_kind_is_refused() -> None:
    facilitator = region_member()
    session = make_session(make_event(), facilitator=facilitator)
    note = make_note(session, user=facilitator, kind=Note.Kind.INSIGHT)
    (row,) = audit_rows("note.created")
    assert row.user == facilitator and row.organisation.slug == ORGANISER and note.author == facilitator
    with pytest.raises(actions.DialogueRefused):
        actions.capture_note(session, user=facilitator, kind="skvaller", text="Hemligt")
    with pytest.raises(actions.DialogueRefused, match="för lång"):
        actions.capture_note(session, user=facilitator, kind=Note.Kind.NOTE, text="x" * 1001)
    assert Note.objects.filter(session=session).count() == 1


def test_a_proposal_is_followed_by_its_author_and_the_events_followers_hear_of_it() -> None:
    editor, follower = organiser_editor(), officer()
    event = make_event(user=editor)
    follow(follower, event, source="test")
    proposal = make_proposal(make_session(event), user=editor, title="Koppla ihop nätverken")
    assert proposal.status == Proposal.Status.NEW and proposal.proposed_by == editor
    assert any("Koppla ihop nätverken" in text for text in notices_for(follower))
    (row,) = audit_rows("proposal.created")
    assert row.organisation.slug == ORGANISER and row.changes["status"] == [None, Proposal.Status.NEW]
    author_before = len(notices_for(editor))
    actions.support_proposal(proposal, user=officer(), actor=actor(AGENCY))
    assert len(notices_for(editor)) == author_before + 1


def test_an_organisation_supports_a_proposal_once() -> None:
    proposal = make_proposal()
    first, colleague = officer(), officer()
    support = actions.support_proposal(proposal, user=first, actor=actor(AGENCY))
    (row,) = audit_rows("support.created")
    assert row.organisation.slug == AGENCY and support.user == first
    with zeal_ignore(), pytest.raises(actions.DialogueRefused, match="stöder redan"):
        actions.support_proposal(proposal, user=colleague, actor=actor(AGENCY))
    with zeal_ignore():
        actions.support_proposal(proposal, user=region_member(), actor=actor(REGION))
    assert Support.objects.filter(proposal=proposal).count() == 2


def test_one_can_only_support_for_an_organisation_one_works_for() -> None:
    proposal = make_proposal()
    with pytest.raises(actions.DialogueRefused, match="organisation du tillhör"):
        actions.support_proposal(proposal, user=region_member(), actor=actor(AGENCY))
    assert not Support.objects.filter(proposal=proposal).exists()


# Follow-up actions ---------------------------------------------------------------------------------------------


def test_a_follow_up_action_puts_the_proposal_in_progress_and_tells_the_owners_editors() -> None:
    editor, owner_person, member = organiser_editor(), owner_editor(), person(OWNER)
    proposal = make_proposal(user=editor)
    followup = make_followup(proposal, user=editor, title="Publicera matrisen")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.IN_PROGRESS and followup.status == FollowUp.Status.PLANNED
    (row,) = audit_rows("followup.created")
    assert row.organisation.slug == ORGANISER and row.changes["owner"] == [None, actor(OWNER).name]
    (status_row,) = audit_rows("proposal.updated")
    assert status_row.changes["status"] == [Proposal.Status.NEW, Proposal.Status.IN_PROGRESS]
    (notice,) = notices_for(owner_person)
    assert "Publicera matrisen" in notice and actor(OWNER).name in notice
    assert notices_for(member) == []  # members who do not edit are not told
    assert not any("Publicera matrisen" in text for text in notices_for(editor))


def test_the_proposals_followers_hear_of_a_new_follow_up_action() -> None:
    follower = region_member()
    proposal = make_proposal()
    follow(follower, proposal, source="test")
    make_followup(proposal, title="Visa programmen sida vid sida")
    (notice,) = notices_for(follower)
    assert "Visa programmen sida vid sida" in notice


def test_a_follow_up_action_links_only_inside_krokarm() -> None:
    proposal = make_proposal()
    with pytest.raises(actions.DialogueRefused, match="börjar med /"):
        make_followup(proposal, link="https://example.org/")
    with pytest.raises(actions.DialogueRefused):
        make_followup(proposal, link="//example.org/")
    assert not FollowUp.objects.filter(proposal=proposal).exists()


def test_progress_notes_keep_the_history_of_statuses_and_the_proposals_followers_hear_of_them() -> None:
    owner_person, follower = owner_editor(), region_member()
    followup = make_followup()
    follow(follower, followup.proposal, source="test")
    actions.update_followup(followup, user=owner_person, status=FollowUp.Status.ONGOING, text="Arbetet har börjat.")
    with zeal_ignore():  # the same action three times in one test, on purpose
        actions.update_followup(followup, user=owner_person, status=FollowUp.Status.ONGOING, text="Halvvägs.")
        actions.update_followup(followup, user=owner_person, status=FollowUp.Status.DONE)
    history = list(Progress.objects.filter(followup=followup).order_by("pk").values_list("status", "text", "user"))
    assert history == [
        (FollowUp.Status.ONGOING, "Arbetet har börjat.", owner_person.pk),
        (FollowUp.Status.ONGOING, "Halvvägs.", owner_person.pk),
        (FollowUp.Status.DONE, "", owner_person.pk),
    ]
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE
    status_rows = audit_rows("followup.updated")
    assert [r.changes["status"] for r in status_rows] == [
        [FollowUp.Status.PLANNED, FollowUp.Status.ONGOING],
        [FollowUp.Status.ONGOING, FollowUp.Status.DONE],
    ]
    assert all(r.organisation.slug == OWNER for r in audit_rows("progress.created"))
    assert len(notices_for(follower)) == 3 and "Klar" in notices_for(follower)[2]


def test_a_progress_note_that_says_nothing_new_is_refused() -> None:
    followup = make_followup()
    with pytest.raises(actions.DialogueRefused, match="lägesbeskrivning"):
        actions.update_followup(followup, user=owner_editor(), status=FollowUp.Status.PLANNED, text="  ")
    with pytest.raises(actions.DialogueRefused, match="status"):
        actions.update_followup(followup, user=owner_editor(), status="kanske")
    assert not Progress.objects.filter(followup=followup).exists()


def test_an_action_past_its_date_is_overdue_until_it_is_done() -> None:
    followup = make_followup(due_on=timezone.localdate() - dt.timedelta(days=1))
    later = make_followup(followup.proposal, title="Senare", due_on=timezone.localdate() + dt.timedelta(days=1))
    assert followup.is_overdue and not later.is_overdue
    assert [f.pk for f in queries.open_actions(overdue=True, event=followup.proposal.session.event)] == [followup.pk]
    actions.update_followup(followup, user=owner_editor(), status=FollowUp.Status.DONE, text="Klart.")
    followup.refresh_from_db()
    assert not followup.is_overdue
    assert not queries.open_actions(overdue=True, event=followup.proposal.session.event).exists()


def test_stopped_actions_are_not_overdue() -> None:
    followup = make_followup(due_on=timezone.localdate() - dt.timedelta(days=10))
    actions.update_followup(followup, user=owner_editor(), status=FollowUp.Status.STOPPED, text="Ersatt av annat.")
    followup.refresh_from_db()
    assert not followup.is_overdue


# Queries -------------------------------------------------------------------------------------------------------


def test_the_action_register_filters_by_owner_status_and_theme(django_assert_max_num_queries: object) -> None:
    first = make_followup()
    other = make_followup(first.proposal, owner=AGENCY, title="Annan ägare")
    with zeal_ignore():
        actions.update_followup(other, user=None, status=FollowUp.Status.ONGOING, text="Igång.")
    event = first.proposal.session.event
    assert [f.pk for f in queries.open_actions(owner=actor(OWNER), event=event)] == [first.pk]
    assert [f.pk for f in queries.open_actions(status=FollowUp.Status.ONGOING, event=event)] == [other.pk]
    assert {f.pk for f in queries.open_actions(theme=theme("kompetensforsorjning"), event=event)} == {
        first.pk,
        other.pk,
    }
    assert not queries.open_actions(theme=theme("likvardiga-mojligheter"), event=event).exists()
    with django_assert_max_num_queries(1):  # type: ignore[operator]
        rows = list(queries.open_actions(event=event))
        assert [f.proposal.session.event.organiser.slug for f in rows] == [ORGANISER, ORGANISER]
        assert {f.owner.slug for f in rows} == {OWNER, AGENCY}


def test_the_summary_of_an_event_counts_what_came_out_of_it_in_a_few_queries(
    django_assert_max_num_queries: object,
) -> None:
    event = make_past_event()
    session = make_session(event)
    make_note(session, kind=Note.Kind.INSIGHT)
    make_note(session, kind=Note.Kind.NOTE, text="En anteckning.")
    proposal = make_proposal(session)
    make_followup(proposal)
    make_followup(proposal, title="Försenad", due_on=timezone.localdate() - dt.timedelta(days=3))
    make_session(event, title="Ett pass utan förslag")
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        summary = queries.event_summary(event)
        titles = [
            (f.title, f.owner.name, f.proposal.session.event.slug)
            for s in summary.sessions
            for p in s.proposals.all()
            for f in p.followups.all()
        ]
    assert (summary.insights, summary.notes, summary.proposals, summary.followups) == (1, 1, 1, 2)
    assert summary.overdue == 1 and summary.by_status == {FollowUp.Status.PLANNED: 2} and summary.done == 0
    assert len(titles) == 2 and [s.position for s in summary.sessions] == [1, 2]


def test_upcoming_and_past_events_are_split_at_now() -> None:
    upcoming, past = make_event(title="Kommande"), make_past_event(title="Förra")
    assert upcoming in queries.upcoming_events() and upcoming not in queries.past_events()
    assert past in queries.past_events() and past not in queries.upcoming_events()


# Registries ----------------------------------------------------------------------------------------------------


def test_a_persons_data_download_holds_their_registrations_notes_proposals_progress_and_sessions_led(
    django_assert_max_num_queries: object,
) -> None:
    from krokarm.accounts.personal_data import sections
    from krokarm.dialogues.personal_data import export

    user = region_member()
    make_registration(make_event(), user)
    session = make_session(make_past_event(), facilitator=user)
    make_note(session, user=user, text="Min insikt.")
    proposal = make_proposal(session, user=user, title="Mitt förslag")
    followup = make_followup(proposal)
    with zeal_ignore():
        actions.update_followup(followup, user=user, status=FollowUp.Status.ONGOING, text="Mitt läge.")
    assert "dialoger" in sections()
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        data = export(user)
    assert [r["for_organisation"] for r in data["registrations"]] == [actor(REGION).name]
    assert [n["text"] for n in data["notes"]] == ["Min insikt."]
    assert [p["title"] for p in data["proposals"]] == ["Mitt förslag"]
    assert [p["text"] for p in data["progress_notes"]] == ["Mitt läge."]
    assert [s["title"] for s in data["sessions_led"]] == [session.title]
    assert all(rows == [] for rows in export(officer()).values())


def test_proposals_take_comments_owned_by_the_organiser_and_events_and_proposals_can_be_followed() -> None:
    from krokarm.comments import registry as comments
    from krokarm.notifications import registry as followables

    proposal = make_proposal()
    entry = comments.entry_for(proposal)
    assert entry.name == "forslag" and entry.owner(proposal).slug == ORGANISER
    assert followables.entry_for(proposal.session.event).name == "dialog"
    assert followables.entry_for(proposal).name == "forslag"
    registration = make_registration(make_event())
    assert followables.entry_for(registration).can_see(registration.user, registration)
    assert not followables.entry_for(registration).can_see(officer(), registration)
