"""The coordinators' and members' forms: meetings, member organisations, joint spaces and posts. Each write is
audited; each view refuses the wrong people and the wrong method."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.actors.models import Membership
from krokarm.audit.models import AuditEntry
from krokarm.networks.models import Link, Meeting, Post
from krokarm.networks.tests.factories import (
    AGENCY_NETWORK,
    LINK,
    OTHER_NETWORK,
    RUS_NETWORK,
    actor,
    in_days,
    link,
    log_in,
    make_meeting,
    member,
    network_coordinator,
    outsider,
    platform_coordinator,
    url,
)
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db

MEETING = {
    "title": "Höstträff",
    "day": "2030-09-15",
    "starts": "13:00",
    "ends": "15:30",
    "place": "",
    "description": "",
}
POST = {"title": "Erfarenheter av remissen", "body": "Vi fick in 120 svar."}


def rows(action: str) -> list[AuditEntry]:
    with zeal_ignore():
        return list(AuditEntry.objects.filter(action=action, source="web").select_related("organisation", "user"))


def meeting_urls(meeting: Meeting) -> list[tuple[str, str]]:
    return [
        ("get", url("meeting-create", RUS_NETWORK)),
        ("post", url("meeting-create", RUS_NETWORK)),
        ("get", url("meeting-edit", RUS_NETWORK, meeting.pk)),
        ("post", url("meeting-edit", RUS_NETWORK, meeting.pk)),
        ("post", url("meeting-delete", RUS_NETWORK, meeting.pk)),
        ("get", url("members", RUS_NETWORK)),
        ("post", url("members", RUS_NETWORK)),
        ("post", url("member-remove", RUS_NETWORK, "region-skane")),
        ("get", url("link-manage", LINK)),
        ("post", url("link-manage", LINK)),
        ("post", url("link-network-remove", LINK, AGENCY_NETWORK)),
    ]


def test_anonymous_visitors_are_sent_to_log_in_everywhere(client: Any) -> None:
    meeting = make_meeting()
    for method, path in [*meeting_urls(meeting), ("post", url("post", RUS_NETWORK)), ("post", url("link-post", LINK))]:
        response = getattr(client, method)(path)
        assert response.status_code == 302 and "/logga-in/" in response["Location"], path


@pytest.mark.parametrize("persona", [member, outsider])
def test_members_and_outsiders_may_not_manage(client: Any, persona: Any) -> None:
    meeting = make_meeting()
    log_in(client, persona())
    for method, path in meeting_urls(meeting):
        assert getattr(client, method)(path).status_code == 403, path
    assert Meeting.objects.count() == 1


def test_the_coordinator_of_another_network_may_not_manage_this_one(client: Any) -> None:
    meeting = make_meeting()
    log_in(client, network_coordinator(OTHER_NETWORK))
    for method, path in meeting_urls(meeting):
        assert getattr(client, method)(path).status_code == 403, path


def test_a_member_of_another_network_may_not_post(client: Any) -> None:
    log_in(client, outsider())
    assert client.post(url("post", RUS_NETWORK), POST).status_code == 403
    assert client.post(url("link-post", LINK), POST).status_code == 403
    assert not Post.objects.exists()


@pytest.mark.parametrize("name", ["post", "link-post", "meeting-delete", "member-remove", "link-network-remove"])
def test_post_only_views_refuse_get(client: Any, name: str) -> None:
    log_in(client, platform_coordinator())
    args: dict[str, list[Any]] = {
        "post": [RUS_NETWORK],
        "link-post": [LINK],
        "meeting-delete": [RUS_NETWORK, 1],
        "member-remove": [RUS_NETWORK, "region-skane"],
        "link-network-remove": [LINK, AGENCY_NETWORK],
    }
    assert client.get(url(name, *args[name])).status_code == 405


@pytest.mark.parametrize("persona", [network_coordinator, platform_coordinator])
def test_a_coordinator_adds_a_meeting_and_the_followers_are_told(client: Any, persona: Any) -> None:
    coordinator, follower = persona(), member()
    follow(follower, actor(RUS_NETWORK), source="test")
    log_in(client, coordinator)
    assert client.get(url("meeting-create", RUS_NETWORK)).status_code == 200
    response = client.post(url("meeting-create", RUS_NETWORK), MEETING)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.place == "digitalt" and meeting.created_by == coordinator
    assert meeting.ends_at.isoformat() == "2030-09-15T13:30:00+00:00"  # 15:30 in Stockholm (CEST)
    (row,) = rows("meeting.created")
    assert row.public and row.user == coordinator and row.organisation.slug == RUS_NETWORK
    (notice,) = Notification.objects.all()
    assert notice.user == follower and "Höstträff" in notice.text and "RUS-nätverket" in notice.text


def test_a_meeting_form_with_errors_says_what_to_fix(client: Any) -> None:
    log_in(client, network_coordinator())
    response = client.post(url("meeting-create", RUS_NETWORK), {**MEETING, "title": "", "ends": "12:00"})
    assert response.status_code == 400
    assert "Skriv en rubrik." in response.text and "Mötet måste sluta efter att det börjar." in response.text
    assert not Meeting.objects.exists()


def test_a_coordinator_changes_and_cancels_a_meeting_with_audit_rows(client: Any) -> None:
    meeting = make_meeting()
    coordinator = network_coordinator()
    log_in(client, coordinator)
    assert "Nätverksträff" in client.get(url("meeting-edit", RUS_NETWORK, meeting.pk)).text
    response = client.post(url("meeting-edit", RUS_NETWORK, meeting.pk), {**MEETING, "title": "Ny rubrik"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Ny rubrik"
    (row,) = rows("meeting.updated")
    assert row.changes["title"] == ["Nätverksträff", "Ny rubrik"] and row.user == coordinator
    assert client.post(url("meeting-delete", RUS_NETWORK, meeting.pk)).status_code == 302
    assert not Meeting.objects.exists()
    (row,) = rows("meeting.deleted")
    assert row.changes["title"] == ["Ny rubrik", None] and row.organisation.slug == RUS_NETWORK


def test_a_meeting_of_another_network_is_404(client: Any) -> None:
    meeting = make_meeting(AGENCY_NETWORK)
    log_in(client, network_coordinator(RUS_NETWORK))
    assert client.get(url("meeting-edit", RUS_NETWORK, meeting.pk)).status_code == 404
    assert client.get(url("meeting-edit", AGENCY_NETWORK, meeting.pk)).status_code == 403


def test_a_coordinator_adds_and_removes_a_member_organisation_with_audit_rows(client: Any) -> None:
    coordinator = network_coordinator(AGENCY_NETWORK)
    log_in(client, coordinator)
    assert client.get(url("members", AGENCY_NETWORK)).status_code == 200
    response = client.post(url("members", AGENCY_NETWORK), {"member": "arbetsformedlingen", "role": "medlem"})
    assert response.status_code == 302
    assert Membership.objects.filter(network__slug=AGENCY_NETWORK, member__slug="arbetsformedlingen").exists()
    (row,) = rows("membership.created")
    assert row.public and row.user == coordinator and row.organisation.slug == AGENCY_NETWORK
    assert "Arbetsförmedlingen" in client.get(url("detail", AGENCY_NETWORK)).text
    assert client.post(url("member-remove", AGENCY_NETWORK, "arbetsformedlingen")).status_code == 302
    assert not Membership.objects.filter(network__slug=AGENCY_NETWORK, member__slug="arbetsformedlingen").exists()
    (row,) = rows("membership.deleted")
    assert row.user == coordinator and row.organisation.slug == AGENCY_NETWORK


def test_adding_a_member_again_changes_only_its_role(client: Any) -> None:
    log_in(client, platform_coordinator())
    client.post(url("members", RUS_NETWORK), {"member": "region-skane", "role": "samordnare"})
    assert Membership.objects.get(network__slug=RUS_NETWORK, member__slug="region-skane").role == "samordnare"
    (row,) = rows("membership.updated")
    assert row.changes == {"role": ["medlem", "samordnare"]}


def test_a_network_cannot_be_made_a_member_and_unknown_organisations_are_reported(client: Any) -> None:
    log_in(client, platform_coordinator())
    for slug in ("analysnatverket", "finns-inte", ""):
        response = client.post(url("members", RUS_NETWORK), {"member": slug, "role": "medlem"})
        assert response.status_code == 400
    assert not rows("membership.created")


def test_a_member_writes_a_post_for_their_organisation(client: Any) -> None:
    author, follower = member(), member("region-skane")
    follow(follower, actor(RUS_NETWORK), source="test")
    log_in(client, author)
    response = client.post(url("post", RUS_NETWORK), {**POST, "organisation": "region-ostergotland"})
    post = Post.objects.select_related("author_organisation").get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert post.network == actor(RUS_NETWORK) and post.author == author
    assert post.author_organisation.slug == "region-ostergotland"
    (row,) = rows("post.created")
    assert not row.public and row.user == author
    (notice,) = Notification.objects.all()
    assert notice.user == follower and POST["title"] not in notice.text  # followers need not be members


def test_a_post_that_is_too_long_or_empty_is_refused_in_swedish(client: Any) -> None:
    log_in(client, member())
    response = client.post(url("post", RUS_NETWORK), {"title": "", "body": "x" * 3001})
    assert response.status_code == 400
    assert "Skriv en rubrik." in response.text and "Skriv högst 3000 tecken (nu 3001)." in response.text
    assert not Post.objects.exists()


def test_a_member_may_not_write_for_an_organisation_they_do_not_work_for(client: Any) -> None:
    with zeal_ignore():
        from krokarm.accounts.actions import affiliate

        user = member()
        affiliate(user, actor("region-skane"), source="test")
    log_in(client, user)
    response = client.post(url("post", RUS_NETWORK), {**POST, "organisation": "region-uppsala"})
    assert response.status_code == 400 and not Post.objects.exists()


def test_a_platform_coordinator_who_works_for_no_member_writes_without_an_organisation(client: Any) -> None:
    log_in(client, platform_coordinator())
    assert client.post(url("post", RUS_NETWORK), POST).status_code == 302
    assert Post.objects.get().author_organisation is None


def test_a_member_writes_in_the_joint_space_and_both_networks_followers_are_told(client: Any) -> None:
    follower_a, follower_b = member("region-skane"), platform_coordinator()
    follow(follower_a, actor(RUS_NETWORK), source="test")
    follow(follower_b, actor(AGENCY_NETWORK), source="test")
    log_in(client, member())
    assert client.post(url("link-post", LINK), {**POST, "organisation": "region-ostergotland"}).status_code == 302
    post = Post.objects.get()
    assert post.link == link() and post.network is None
    assert set(Notification.objects.values_list("user_id", flat=True)) == {follower_a.pk, follower_b.pk}


def test_a_network_coordinator_adds_their_network_to_the_joint_space_and_removes_it(client: Any) -> None:
    coordinator = network_coordinator(OTHER_NETWORK)
    with zeal_ignore():
        from krokarm.accounts.actions import affiliate
        from krokarm.accounts.models import Affiliation

        affiliate(coordinator, actor(RUS_NETWORK), Affiliation.Role.EDITOR, source="test")
    log_in(client, coordinator)
    page = client.get(url("link-manage", LINK))
    assert page.status_code == 200 and "Nationellt analysnätverk" in page.text
    assert client.post(url("link-manage", LINK), {"network": OTHER_NETWORK}).status_code == 302
    assert set(link().networks.values_list("slug", flat=True)) == {AGENCY_NETWORK, RUS_NETWORK, OTHER_NETWORK}
    (row,) = rows("link.network_added")
    assert row.public and row.user == coordinator
    assert row.changes["networks"] == [
        sorted([AGENCY_NETWORK, RUS_NETWORK]),
        sorted([AGENCY_NETWORK, OTHER_NETWORK, RUS_NETWORK]),
    ]
    assert client.post(url("link-network-remove", LINK, OTHER_NETWORK)).status_code == 302
    assert set(link().networks.values_list("slug", flat=True)) == {AGENCY_NETWORK, RUS_NETWORK}
    assert len(rows("link.network_removed")) == 1


def test_a_coordinator_may_not_add_a_network_they_do_not_coordinate(client: Any) -> None:
    log_in(client, network_coordinator(RUS_NETWORK))
    response = client.post(url("link-manage", LINK), {"network": OTHER_NETWORK})
    assert response.status_code == 400
    assert set(link().networks.values_list("slug", flat=True)) == {AGENCY_NETWORK, RUS_NETWORK}


def test_the_last_network_stays_in_the_joint_space(client: Any) -> None:
    log_in(client, platform_coordinator())
    client.post(url("link-network-remove", LINK, AGENCY_NETWORK))
    response = client.post(url("link-network-remove", LINK, RUS_NETWORK), follow=True)
    assert "En samverkan måste ha minst ett nätverk." in response.text
    assert list(link().networks.values_list("slug", flat=True)) == [RUS_NETWORK]


def test_the_management_pages_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    log_in(client, platform_coordinator())
    client.get(url("members", RUS_NETWORK))
    # session, user, network, actors for the select, memberships, unread notifications, saving the session (3)
    with django_assert_num_queries(9):
        client.get(url("members", RUS_NETWORK))
    # session, user, link, its networks, networks to add, unread notifications, saving the session (3)
    with django_assert_num_queries(9):
        client.get(url("link-manage", LINK))


def test_in_days_is_local_time() -> None:
    assert in_days(0).hour == 10
    assert Link.objects.filter(slug=LINK).exists()
