"""challenges.actions: every change leaves a public audit row naming the organisation; the lifecycle moves one
step at a time; followers hear about changes; refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.challenges import actions
from krokarm.challenges.models import Approach, Challenge, Participant
from krokarm.challenges.tests.factories import (
    AGENCY,
    REGION,
    actor,
    editor,
    make_approach,
    make_challenge,
    make_participant,
    region_editor,
)
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db


def audit_rows(action: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(action=action).exclude(source="seed").select_related("organisation").order_by("id")
    )


def test_proposing_a_challenge_makes_a_proposal_led_by_the_organisation() -> None:
    user = editor()
    challenge = make_challenge(user=user)
    assert challenge.status == Challenge.Status.PROPOSED and challenge.lead.slug == AGENCY
    assert challenge.slug == "fler-yrkesutbildade-i-hela-landet"
    (lead,) = challenge.participants.all()
    assert lead.actor.slug == AGENCY and lead.role == Participant.Role.LEADS
    (row,) = audit_rows("challenge.created")
    assert row.public and row.user == user and row.organisation.slug == AGENCY
    assert row.changes["status"] == [None, "forslag"] and row.changes["outcomes"] == [
        [],
        ["Fler har en yrkesutbildning"],
    ]


def test_two_challenges_with_the_same_title_get_different_addresses() -> None:
    first, second = make_challenge(), make_challenge()
    assert first.slug != second.slug and second.slug.startswith(first.slug)


def test_proposing_tells_the_followers_of_the_lead_but_not_the_author() -> None:
    user, follower = editor(), region_editor()
    follow(follower, actor(AGENCY), source="test")
    follow(user, actor(AGENCY), source="test")
    challenge = make_challenge(user=user, title="Laddinfrastruktur i hela landet")
    (notice,) = Notification.objects.all()
    assert notice.user == follower and notice.url == challenge.get_absolute_url()
    assert "Arbetsförmedlingen har föreslagit en ny utmaning" in notice.text and "Laddinfrastruktur" in notice.text


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["overenskommen"], "overenskommen"),
        (["overenskommen", "pagaende", "avslutad"], "avslutad"),
        (["overenskommen", "forslag"], "forslag"),
        (["overenskommen", "pagaende", "overenskommen"], "overenskommen"),
    ],
)
def test_the_status_moves_one_step_forward_or_back(path: list[str], final: str) -> None:
    challenge = make_challenge()
    with zeal_ignore():  # one change after another, on purpose
        for status in path:
            challenge = actions.change_status(challenge, user=None, status=status)
    challenge.refresh_from_db()
    assert challenge.status == final
    rows = audit_rows("challenge.status_changed")
    assert [row.changes["status"][1] for row in rows] == path
    assert rows[0].changes["status"] == ["forslag", path[0]] and rows[0].organisation.slug == AGENCY


@pytest.mark.parametrize(
    ("start", "target"),
    [([], "pagaende"), ([], "avslutad"), ([], "forslag"), (["overenskommen", "pagaende"], "forslag"), ([], "okand")],
)
def test_skipping_or_staying_in_the_lifecycle_is_refused_and_changes_nothing(start: list[str], target: str) -> None:
    challenge = make_challenge()
    with zeal_ignore():
        for status in start:
            challenge = actions.change_status(challenge, user=None, status=status)
    before = AuditEntry.objects.count()
    with pytest.raises(actions.ChallengeRefused):
        actions.change_status(challenge, user=None, status=target)
    challenge.refresh_from_db()
    assert challenge.status == (start[-1] if start else "forslag")
    assert AuditEntry.objects.count() == before


def test_a_status_change_tells_the_followers() -> None:
    follower = region_editor()
    challenge = make_challenge()
    follow(follower, challenge, source="test")
    actions.change_status(challenge, user=None, status="overenskommen")
    (notice,) = Notification.objects.filter(user=follower)
    assert "har ny status: Överenskommen" in notice.text and notice.url == challenge.get_absolute_url()


def test_updating_records_exactly_what_changed() -> None:
    user = editor()
    challenge = make_challenge(user=user)
    changes = actions.update_challenge(
        challenge,
        user=user,
        title="Fler yrkesutbildade",
        goal=challenge.goal,
        description="",
        kind=challenge.kind,
        themes=list(challenge.themes.all()),
        outcomes=[("Fler har en yrkesutbildning", "Antal examinerade per år"), ("Kortare väntan", "")],
    )
    assert set(changes) == {"title", "outcomes"}
    (row,) = audit_rows("challenge.updated")
    assert row.changes["title"] == ["Fler yrkesutbildade i hela landet", "Fler yrkesutbildade"]
    assert [o.text for o in challenge.outcomes.order_by("order")] == ["Fler har en yrkesutbildning", "Kortare väntan"]
    assert challenge.slug == Challenge.objects.get(pk=challenge.pk).slug  # the address does not move


def test_an_update_that_changes_nothing_writes_nothing() -> None:
    challenge = make_challenge()
    before = AuditEntry.objects.count()
    changes = actions.update_challenge(
        challenge,
        user=None,
        title=challenge.title,
        goal=challenge.goal,
        description=challenge.description,
        kind=challenge.kind,
        themes=list(challenge.themes.all()),
        outcomes=[(o.text, o.indicator) for o in challenge.outcomes.all()],
    )
    assert changes == {} and AuditEntry.objects.count() == before


def test_adding_and_removing_a_participant_is_audited_for_the_lead() -> None:
    challenge = make_challenge()
    participant = make_participant(challenge, "skolverket", Participant.Role.FUNDS)
    (added,) = audit_rows("challenge.participant_added")
    label = f"{actor('skolverket').name} (Finansierar)"
    assert added.changes["participant"] == [None, label] and added.organisation.slug == AGENCY
    actions.remove_participant(participant, user=None)
    (removed,) = audit_rows("challenge.participant_removed")
    assert removed.changes["participant"] == [label, None]
    assert not challenge.participants.filter(actor__slug="skolverket").exists()


def test_an_organisation_cannot_take_part_twice() -> None:
    challenge = make_challenge()
    make_participant(challenge, "skolverket")
    with pytest.raises(actions.ChallengeRefused):
        make_participant(challenge, "skolverket")
    assert challenge.participants.count() == 2


def test_the_lead_cannot_be_removed() -> None:
    challenge = make_challenge()
    lead = challenge.participants.get(actor__slug=AGENCY)
    with pytest.raises(actions.ChallengeRefused):
        actions.remove_participant(lead, user=None)
    assert challenge.participants.filter(actor__slug=AGENCY).exists()


def test_joining_is_audited_for_the_joining_organisation_and_follows_the_challenge() -> None:
    challenge = make_challenge()
    user = editor("csn")
    participant = actions.join_challenge(challenge, user=user, actor=actor("csn"))
    assert participant.role == Participant.Role.CONTRIBUTES
    (row,) = audit_rows("challenge.participant_added")
    assert row.organisation.slug == "csn" and row.user == user
    follower = region_editor()
    follow(follower, challenge, source="test")
    with zeal_ignore():
        actions.join_challenge(challenge, user=None, actor=actor("uhr"))
    (notice,) = Notification.objects.filter(user=follower)
    assert f"{actor('uhr').name} deltar nu i utmaningen" in notice.text


def test_saving_an_approach_creates_it_once_then_records_changes() -> None:
    user = region_editor()
    challenge = make_challenge()
    approach = make_approach(challenge, user=user, status=Approach.Status.ONGOING, starts_on=dt.date(2026, 1, 1))
    (created,) = audit_rows("approach.created")
    assert created.organisation.slug == REGION and created.changes["status"] == [None, "pagar"]
    assert approach.created_by == user and approach.measure_lines == ["Branschråd", "Yrkesvux"]
    again, changes = actions.save_approach(
        challenge,
        user=user,
        region=actor(REGION),
        summary=approach.summary,
        measures="Branschråd",
        status="pagar",
        starts_on=dt.date(2026, 1, 1),
    )
    assert again.pk == approach.pk and set(changes) == {"measures"}
    (updated,) = audit_rows("approach.updated")
    assert updated.changes["measures"] == ["Branschråd\nYrkesvux", "Branschråd"]
    assert Approach.objects.filter(challenge=challenge).count() == 1


def test_an_approach_tells_the_challenges_followers() -> None:
    follower = editor()
    challenge = make_challenge()
    follow(follower, challenge, source="test")
    make_approach(challenge, user=region_editor())
    (notice,) = Notification.objects.filter(user=follower)
    assert "Region Östergötland har beskrivit hur regionen arbetar" in notice.text


@pytest.mark.parametrize("slug", [AGENCY, "csn", "rus-natverket"])
def test_only_a_region_has_an_approach(slug: str) -> None:
    challenge = make_challenge()
    with pytest.raises(actions.ChallengeRefused):
        actions.save_approach(challenge, user=None, region=actor(slug), summary="Vi arbetar")
    assert not Approach.objects.filter(challenge=challenge).exists()


def test_an_approach_that_ends_before_it_starts_is_refused() -> None:
    challenge = make_challenge()
    with pytest.raises(actions.ChallengeRefused):
        make_approach(challenge, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 1, 1))
    assert not Approach.objects.filter(challenge=challenge).exists()
