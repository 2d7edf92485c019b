"""Issue 16: a seeded next step is krokarm's own proposal until an organisation takes it on in the app.

The test database holds data/dialogues as `krokarm seed` loaded it: its next steps are reconstructed and have no
owner. The personas: an editor of an organisation (the ESF Council), an editor of two, a member of another
organisation who edits none, and an anonymous visitor.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation
from krokarm.actors import reference_data as actors_ref
from krokarm.audit.actions import Stale
from krokarm.audit.models import AuditEntry
from krokarm.challenges.models import Challenge
from krokarm.dialogues import actions, reference_data
from krokarm.dialogues.models import FollowUp
from krokarm.dialogues.seeding import apply_dialogue_data
from krokarm.dialogues.tests.factories import (
    OWNER,
    REGION,
    actor,
    coordinator,
    log_in,
    make_followup,
    owner_editor,
    person,
    region_member,
    url,
)
from krokarm.lib.errors import Refused
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Follow, Notification

pytestmark = pytest.mark.django_db

BUTTON = "Vi tar på oss det här"
TAKEN = "ansvarar redan för det här nästa steget"


def seeded_followup() -> FollowUp:
    """One of krokarm's own proposals from data/dialogues: reconstructed, no owner."""
    with zeal_ignore():
        followup = FollowUp.objects.filter(reconstructed=True, owner__isnull=True).select_related("proposal").first()
    assert followup is not None, "data/dialogues seeds next steps with no owner"
    return followup


def take_on_data(followup: FollowUp, organisation: str = OWNER, **values: Any) -> dict[str, Any]:
    return {"actor": organisation, "version": str(followup.version), "once": uuid.uuid4().hex, **values}


def audit_rows(followup: FollowUp) -> Any:
    return AuditEntry.objects.filter(action="followup.taken_on", target_id=str(followup.pk))


# --- The page and the button --------------------------------------------------------------------------------


def test_an_editor_takes_on_krokarms_proposal_and_the_page_says_who_and_when(client: Any) -> None:
    followup = seeded_followup()
    editor = owner_editor()
    log_in(client, editor)
    page = client.get(followup.get_absolute_url())
    assert page.status_code == 200 and BUTTON in page.text
    assert f"Du tar på dig det för {actor(OWNER).name}." in page.text  # one organisation: no choice to make

    response = client.post(url("take_on_followup", followup.pk), take_on_data(followup), follow=True)

    assert response.redirect_chain == [(followup.get_absolute_url(), 302)]
    assert f"{actor(OWNER).name} har tagit på sig nästa steg." in response.text
    assert "tog på sig det den" in response.text and BUTTON not in response.text
    stored = FollowUp.objects.get(pk=followup.pk)
    assert stored.owner == actor(OWNER) and stored.taken_on_at is not None
    assert stored.reconstructed  # krokarm still wrote the text
    assert stored.version == followup.version + 1
    entry = audit_rows(followup).get()
    assert entry.user == editor and entry.organisation == actor(OWNER)
    assert entry.changes["owner"] == [None, actor(OWNER).name] and entry.changes["taken_on_at"][0] is None
    assert Follow.objects.filter(user=editor, object_id=followup.pk, content_type__model="followup").exists()


def test_the_action_register_shows_who_took_it_on_and_when(client: Any) -> None:
    followup = seeded_followup()
    taken = actions.take_on_followup(followup, user=owner_editor(), actor=actor(OWNER))
    assert taken.taken_on_at is not None
    day = date_format(timezone.localtime(taken.taken_on_at), "j F Y")
    response = client.get(reverse("dialogues:actions"), {"agare": OWNER})
    assert response.status_code == 200
    assert f"Åtagen av {actor(OWNER).name} {day}" in response.text


def test_an_editor_of_two_organisations_chooses_which_one_takes_it_on(client: Any) -> None:
    followup = seeded_followup()
    editor = owner_editor()
    with zeal_ignore():
        affiliate(editor, actor(REGION), Affiliation.Role.ADMIN, source="test")
    log_in(client, editor)
    page = client.get(followup.get_absolute_url())
    assert '<select name="actor"' in page.text and "Region Östergötland" in page.text

    response = client.post(url("take_on_followup", followup.pk), take_on_data(followup, REGION))

    assert response.status_code == 302
    assert FollowUp.objects.get(pk=followup.pk).owner == actor(REGION)


def test_an_organisation_the_editor_does_not_edit_for_is_refused_with_a_swedish_error(client: Any) -> None:
    followup = seeded_followup()
    log_in(client, owner_editor())
    response = client.post(url("take_on_followup", followup.pk), take_on_data(followup, "csn"))
    assert response.status_code == 400
    assert "Välj en organisation du är redaktör för." in response.text
    assert FollowUp.objects.get(pk=followup.pk).owner is None and not audit_rows(followup).exists()


# --- Two organisations, one next step -----------------------------------------------------------------------


def test_the_second_organisation_to_take_it_on_from_the_same_page_is_refused_with_409(client: Any) -> None:
    followup = seeded_followup()
    first, second = owner_editor(), person(REGION, Affiliation.Role.EDITOR)
    shown = take_on_data(followup)  # both had the page open at the same version

    assert log_in(client, first).post(url("take_on_followup", followup.pk), shown).status_code == 302
    client.logout()
    response = log_in(client, second).post(
        url("take_on_followup", followup.pk), {**shown, "actor": REGION, "once": uuid.uuid4().hex}
    )

    assert response.status_code == 409
    assert f"{actor(OWNER).name} {TAKEN}" in response.text and BUTTON not in response.text
    assert FollowUp.objects.get(pk=followup.pk).owner == actor(OWNER)
    assert audit_rows(followup).count() == 1


def test_a_next_step_that_already_has_an_owner_cannot_be_taken_on(client: Any) -> None:
    followup = make_followup(owner=OWNER)
    editor = person(REGION, Affiliation.Role.EDITOR)
    with pytest.raises(Refused, match=TAKEN) as refused:
        actions.take_on_followup(followup, user=editor, actor=actor(REGION))
    assert refused.value.status == 409
    log_in(client, editor)
    assert BUTTON not in client.get(followup.get_absolute_url()).text
    assert client.post(url("take_on_followup", followup.pk), take_on_data(followup, REGION)).status_code == 409
    assert FollowUp.objects.get(pk=followup.pk).owner == actor(OWNER)


def test_a_next_step_changed_since_the_page_was_shown_is_not_taken_on() -> None:
    followup = seeded_followup()
    shown = followup.version
    actions.update_followup(followup, user=coordinator(), status=FollowUp.Status.ONGOING, text="Det rör sig.")
    with pytest.raises(Stale):
        actions.take_on_followup(followup, user=owner_editor(), actor=actor(OWNER), expected_version=shown)
    assert FollowUp.objects.get(pk=followup.pk).owner is None


def test_a_double_click_takes_it_on_once(client: Any) -> None:
    followup = seeded_followup()
    log_in(client, owner_editor())
    data = take_on_data(followup)
    assert client.post(url("take_on_followup", followup.pk), data).status_code == 302
    again = client.post(url("take_on_followup", followup.pk), data, follow=True)
    assert again.status_code == 200 and "formuläret skickades två gånger" in again.text
    assert audit_rows(followup).count() == 1


# --- Who may ------------------------------------------------------------------------------------------------


def test_a_member_of_another_organisation_who_edits_none_gets_403(client: Any) -> None:
    followup = seeded_followup()
    log_in(client, region_member())
    assert BUTTON not in client.get(followup.get_absolute_url()).text
    assert client.post(url("take_on_followup", followup.pk), take_on_data(followup, REGION)).status_code == 403
    assert FollowUp.objects.get(pk=followup.pk).owner is None


def test_the_action_refuses_an_organisation_the_user_does_not_edit_with_403() -> None:
    followup = seeded_followup()
    with pytest.raises(Refused) as refused:
        actions.take_on_followup(followup, user=region_member(), actor=actor(REGION))
    assert refused.value.status == 403
    assert FollowUp.objects.get(pk=followup.pk).owner is None


def test_an_anonymous_visitor_is_asked_to_log_in_and_nothing_changes(client: Any) -> None:
    followup = seeded_followup()
    page = client.get(followup.get_absolute_url())
    assert "Logga in för att ta på er det här nästa steget" in page.text and BUTTON not in page.text
    response = client.post(url("take_on_followup", followup.pk), take_on_data(followup))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert FollowUp.objects.get(pk=followup.pk).owner is None


def test_taking_on_answers_only_post(client: Any) -> None:
    followup = seeded_followup()
    log_in(client, owner_editor())
    assert client.get(url("take_on_followup", followup.pk)).status_code == 405
    assert client.post(url("take_on_followup", 999999), take_on_data(followup)).status_code == 404


# --- Followers and the seed ---------------------------------------------------------------------------------


def test_the_proposals_followers_hear_who_took_it_on() -> None:
    followup = seeded_followup()
    reader = region_member()
    with zeal_ignore():
        follow(reader, followup.proposal, source="test")
    actions.take_on_followup(followup, user=owner_editor(), actor=actor(OWNER))
    texts = list(Notification.objects.filter(user=reader).values_list("text", flat=True))
    due = date_format(followup.due_on)
    assert texts == [f"{actor(OWNER).name} är ansvarig för nästa steg ”{followup.title}”, klart senast {due}"]


@pytest.mark.parametrize("take_file", [False, True])
def test_seeding_again_keeps_the_organisation_that_took_it_on_without_a_conflict(take_file: bool) -> None:
    followup = seeded_followup()
    actions.take_on_followup(followup, user=owner_editor(), actor=actor(OWNER))
    known = reference_data.Known.from_dataset(actors_ref.load(settings.DATA_DIR))
    rows = reference_data.load(
        Path(settings.DATA_DIR) / "dialogues", known, frozenset(Challenge.objects.values_list("slug", flat=True))
    )
    with zeal_ignore():
        summary = apply_dialogue_data(rows, take_file=take_file)
    stored = FollowUp.objects.get(pk=followup.pk)
    assert stored.owner == actor(OWNER) and stored.taken_on_at is not None
    assert not [c for c in summary.conflicts if c.field == "owner"]
