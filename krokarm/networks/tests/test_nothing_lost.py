"""Coordinators working on the same network from pages opened at the same time, and forms sent twice: a change
made meanwhile is shown instead of overwritten, what was typed stays, nothing is made, cancelled or removed twice."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Membership
from krokarm.audit.models import AuditEntry
from krokarm.networks import actions, permissions
from krokarm.networks.models import Meeting, Post
from krokarm.networks.tests.factories import (
    LINK,
    OTHER_NETWORK,
    RUS_NETWORK,
    actor,
    link,
    log_in,
    make_meeting,
    member,
    network_coordinator,
    url,
)

pytestmark = pytest.mark.django_db
ONCE = "0123456789abcdef0123456789abcdef"
MEETING = {
    "title": "Höstträff",
    "day": "2030-09-15",
    "starts": "13:00",
    "ends": "15:30",
    "place": "",
    "description": "",
}


def audit_count(action: str, target: Any) -> int:
    return AuditEntry.objects.filter(action=action, target_id=str(target.pk)).count()


def coordinator_of_both() -> Any:
    """Coordinates the analysis network and the RUS-nätverket, which is in the joint space."""
    coordinator = network_coordinator(OTHER_NETWORK)
    with zeal_ignore():
        affiliate(coordinator, actor(RUS_NETWORK), Affiliation.Role.EDITOR, source="test")
    return coordinator


def edit_meeting(client: Any, meeting: Meeting, version: int, **changes: Any) -> Any:
    data = {**MEETING, "description": "", "version": version, **changes}
    return client.post(url("meeting-edit", RUS_NETWORK, meeting.pk), data)


def test_a_stale_meeting_edit_is_refused_with_what_changed_and_keeps_the_text(client: Any) -> None:
    meeting = make_meeting()
    seen = meeting.version  # both coordinators opened the form now
    log_in(client, network_coordinator())
    assert edit_meeting(client, meeting, seen, place="Reglab, Stockholm").status_code == 302
    log_in(client, network_coordinator())
    response = edit_meeting(client, meeting, seen, description="Ta med era remissvar.")
    assert response.status_code == 409
    assert "Det här sparades medan du skrev" in response.text and "Reglab, Stockholm" in response.text
    assert "Ta med era remissvar." in response.text  # what the second typed is still on the page
    meeting.refresh_from_db()
    assert meeting.place == "Reglab, Stockholm" and meeting.description == ""
    again = edit_meeting(
        client, meeting, meeting.version, place="Reglab, Stockholm", description="Ta med era remissvar."
    )
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.description) == ("Reglab, Stockholm", "Ta med era remissvar.")


def test_a_meeting_cancelled_while_an_edit_is_on_its_way_refuses_the_edit_and_keeps_the_text(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = make_meeting()
    stale = Meeting.objects.select_related("network").get(pk=meeting.pk)
    # The edit passed the page's checks, and another coordinator cancels the meeting before it is saved.
    monkeypatch.setattr(permissions, "get_meeting_for_managing", lambda user, slug, pk: stale)
    actions.delete_meeting(meeting, user=None)
    log_in(client, network_coordinator())
    response = edit_meeting(client, stale, stale.version, description="Ta med era remissvar.")
    assert response.status_code == 409 and "Mötet är redan inställt" in response.text
    assert "Ta med era remissvar." in response.text  # what was typed is still on the page
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_cancelling_a_meeting_someone_changed_since_keeps_it_and_says_why(client: Any) -> None:
    meeting = make_meeting()
    seen = meeting.version
    with zeal_ignore():
        actions.update_meeting(
            meeting, user=None, title="Flyttad träff", starts_at=meeting.starts_at, ends_at=meeting.ends_at
        )
    log_in(client, network_coordinator())
    response = client.post(url("meeting-delete", RUS_NETWORK, meeting.pk), {"version": seen}, follow=True)
    assert "Mötet är inte inställt: någon annan ändrade det" in response.text
    assert Meeting.objects.filter(pk=meeting.pk, title="Flyttad träff").exists()  # the changed meeting is kept


def test_cancelling_a_meeting_twice_is_refused_and_recorded_once() -> None:
    meeting = make_meeting()
    stale = Meeting.objects.get(pk=meeting.pk)
    actions.delete_meeting(meeting, user=None)
    with pytest.raises(actions.NetworkRefused, match="Mötet är redan inställt"):
        actions.delete_meeting(stale, user=None)
    assert audit_count("meeting.deleted", meeting) == 1


def test_the_calendar_carries_the_meetings_version_for_cancelling(client: Any) -> None:
    meeting = make_meeting()
    log_in(client, network_coordinator())
    page = client.get(url("detail", RUS_NETWORK))
    assert f'name="version" value="{meeting.version}"' in page.text


def test_a_double_submitted_meeting_is_added_once(client: Any) -> None:
    log_in(client, network_coordinator())
    first = client.post(url("meeting-create", RUS_NETWORK), {**MEETING, "once": ONCE})
    second = client.post(url("meeting-create", RUS_NETWORK), {**MEETING, "once": ONCE}, follow=True)
    (meeting,) = Meeting.objects.filter(title="Höstträff")
    assert first.status_code == 302 and first["Location"] == meeting.get_absolute_url()
    assert "Mötet fanns redan i kalendern: formuläret skickades två gånger." in second.text


@pytest.mark.parametrize("space", ["post", "link-post"])
def test_a_double_submitted_post_is_published_once(client: Any, space: str) -> None:
    author = member()
    log_in(client, author)
    address = url(space, RUS_NETWORK if space == "post" else LINK)
    data = {"title": "Erfarenheter av remissen", "body": "Vi fick in 120 svar.", "once": ONCE}
    data["organisation"] = "region-ostergotland"  # the one organisation the member writes for
    first = client.post(address, data)
    second = client.post(address, data, follow=True)
    (post,) = Post.objects.filter(title="Erfarenheter av remissen")
    assert first.status_code == 302 and first["Location"] == post.get_absolute_url()
    assert "Inlägget var redan publicerat: formuläret skickades två gånger." in second.text


def test_a_double_submitted_member_is_added_once(client: Any) -> None:
    log_in(client, network_coordinator(OTHER_NETWORK))
    data = {"member": "region-gotland", "role": "medlem", "once": ONCE}
    client.post(url("members", OTHER_NETWORK), data)
    second = client.post(url("members", OTHER_NETWORK), data, follow=True)
    assert "Det här var redan gjort: formuläret skickades två gånger." in second.text
    assert Membership.objects.filter(network__slug=OTHER_NETWORK, member__slug="region-gotland").count() == 1
    assert AuditEntry.objects.filter(action="membership.created", source="web").count() == 1


def test_a_double_submitted_network_is_added_to_a_joint_space_once(client: Any) -> None:
    log_in(client, coordinator_of_both())
    data = {"network": OTHER_NETWORK, "once": ONCE}
    first = client.post(url("link-manage", LINK), data)
    second = client.post(url("link-manage", LINK), data, follow=True)
    assert first.status_code == 302 and second.status_code == 200  # not "choose a network in the list"
    assert "Det här var redan gjort: formuläret skickades två gånger." in second.text
    assert audit_count("link.network_added", link()) == 1


def test_adding_a_network_someone_else_just_added_says_so(client: Any) -> None:
    with zeal_ignore():
        actions.add_link_network(link(), actor(OTHER_NETWORK), user=None)
    log_in(client, coordinator_of_both())
    response = client.post(url("link-manage", LINK), {"network": OTHER_NETWORK, "once": ONCE})
    assert response.status_code == 409 and "ingår redan i samverkan" in response.text
    assert audit_count("link.network_added", link()) == 1


def test_removing_a_member_someone_just_removed_is_refused_and_recorded_once(client: Any) -> None:
    with zeal_ignore():
        membership = Membership.objects.get(network__slug=RUS_NETWORK, member__slug="region-skane")
    log_in(client, network_coordinator())
    address = url("member-remove", RUS_NETWORK, "region-skane")
    assert client.post(address).status_code == 302
    response = client.post(address)
    assert response.status_code == 409 and "är inte medlem i nätverket längre" in response.text
    assert audit_count("membership.deleted", membership) == 1


def test_adding_a_network_someone_just_added_to_a_joint_space_is_refused_without_a_second_audit_row() -> None:
    coordinator = network_coordinator(OTHER_NETWORK)
    with zeal_ignore():
        actions.add_link_network(link(), actor(OTHER_NETWORK), user=coordinator)
        with pytest.raises(actions.NetworkRefused, match="ingår redan i samverkan"):
            actions.add_link_network(link(), actor(OTHER_NETWORK), user=coordinator)
    assert audit_count("link.network_added", link()) == 1


def test_every_form_that_makes_or_changes_something_carries_its_key_or_version(client: Any) -> None:
    meeting = make_meeting()
    log_in(client, network_coordinator())
    assert 'name="once"' in client.get(url("meeting-create", RUS_NETWORK)).text
    assert f'name="version" value="{meeting.version}"' in client.get(url("meeting-edit", RUS_NETWORK, meeting.pk)).text
    assert 'name="once"' in client.get(url("members", RUS_NETWORK)).text
    log_in(client, member())
    assert 'name="once"' in client.get(url("detail", RUS_NETWORK)).text  # the post form
    assert 'name="once"' in client.get(url("link", LINK)).text
    log_in(client, coordinator_of_both())
    assert 'name="once"' in client.get(url("link-manage", LINK)).text
