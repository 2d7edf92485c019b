"""The network pages: the list, a network's space and the joint space, for each persona."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.networks.tests.factories import (
    AGENCY_NETWORK,
    LINK,
    OTHER_NETWORK,
    RUS_NETWORK,
    link,
    log_in,
    make_meeting,
    make_post,
    member,
    network_coordinator,
    outsider,
    platform_coordinator,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_every_network_with_its_member_count_and_the_joint_space(client: Any) -> None:
    response = client.get(url("list"))
    assert response.status_code == 200
    text = response.text
    assert "RUS-nätverket" in text and "Myndighetsnätverket för regional utveckling" in text
    assert "22 medlemmar" in text  # Reglab and the 21 regions
    assert url("link", LINK) in text


def test_the_main_menu_links_to_the_networks(client: Any) -> None:
    text = client.get(url("list")).text
    assert f'href="{url("list")}" aria-current="page">Nätverk<' in text


def test_a_visitor_sees_about_members_and_calendar_but_no_posts_and_no_forms(client: Any) -> None:
    meeting = make_meeting(title="Vårträff")
    make_post(title="Hemligt inlägg")
    response = client.get(url("detail", RUS_NETWORK))
    assert response.status_code == 200
    text = response.text
    assert "Reglab" in text and "Region Östergötland" in text and "Vårträff" in text
    assert f'id="mote-{meeting.pk}"' in text
    assert "Hemligt inlägg" not in text and "Skriv ett inlägg" not in text
    assert "Lägg till ett möte" not in text and "Hantera medlemmar" not in text
    assert "Prenumerera på kalendern" in text
    assert f'<link rel="alternate" type="text/calendar" href="{url("calendar", RUS_NETWORK)}"' in text


def test_a_member_reads_and_may_write_posts_and_sees_the_coordinators(client: Any) -> None:
    coordinator = network_coordinator()
    make_post(title="Dialogupplägg")
    log_in(client, member())
    text = client.get(url("detail", RUS_NETWORK)).text
    assert "Dialogupplägg" in text and "Skriv ett inlägg" in text and "Du skriver för Region Östergötland." in text
    assert coordinator.get_full_name() in text
    assert "Lägg till ett möte" not in text


def test_a_member_of_another_network_sees_the_public_page_only(client: Any) -> None:
    make_post(title="Dialogupplägg")
    log_in(client, outsider())
    text = client.get(url("detail", RUS_NETWORK)).text
    assert "Dialogupplägg" not in text and "Skriv ett inlägg" not in text and "Nora" not in text


@pytest.mark.parametrize("persona", [network_coordinator, platform_coordinator])
def test_coordinators_see_the_management_links(client: Any, persona: Any) -> None:
    log_in(client, persona())
    text = client.get(url("detail", RUS_NETWORK)).text
    assert "Lägg till ett möte" in text and "Hantera medlemmar" in text and "Skriv ett inlägg" in text


def test_past_meetings_are_reachable(client: Any) -> None:
    make_meeting(days=-30, title="Höstträffen")
    make_meeting(days=3, title="Vårträffen")
    text = client.get(url("detail", RUS_NETWORK)).text
    assert "Vårträffen" in text and "Höstträffen" not in text and "?visa=tidigare" in text
    past = client.get(url("detail", RUS_NETWORK) + "?visa=tidigare").text
    assert "Höstträffen" in past


def test_the_calendar_puts_what_comes_first_in_date_order(client: Any) -> None:
    make_meeting(days=20, title="Senare mötet")
    make_meeting(days=2, title="Tidigare mötet")
    text = client.get(url("detail", RUS_NETWORK)).text
    assert text.index("Tidigare mötet") < text.index("Senare mötet")


def test_unknown_networks_and_other_actors_are_404(client: Any) -> None:
    assert client.get(url("detail", "finns-inte")).status_code == 404
    assert client.get(url("detail", "arbetsformedlingen")).status_code == 404
    assert client.get(url("link", "finns-inte")).status_code == 404


def test_the_joint_space_shows_both_networks_members_side_by_side_and_both_calendars(client: Any) -> None:
    make_meeting(RUS_NETWORK, title="Regionernas träff")
    make_meeting(AGENCY_NETWORK, title="Myndigheternas träff")
    make_post(network=None, in_link=link(), title="Gemensam tråd")
    response = client.get(url("link", LINK))
    assert response.status_code == 200
    text = response.text
    assert 'id="natverk-myndighetsnatverket"' in text and 'id="natverk-rus-natverket"' in text
    assert "Tillväxtverket" in text and "Region Östergötland" in text
    assert "Regionernas träff" in text and "Myndigheternas träff" in text
    # The seeded entry points may all have closed: the past ones are one link away.
    assert "Ingång" in text + client.get(url("link", LINK) + "?visa=tidigare").text
    assert "Gemensam tråd" not in text and "Logga in" in text
    assert 'type="application/atom+xml"' in text and 'type="text/calendar"' in text


@pytest.mark.parametrize("persona", [member, network_coordinator, platform_coordinator])
def test_members_and_coordinators_read_the_joint_threads(client: Any, persona: Any) -> None:
    make_post(network=None, in_link=link(), title="Gemensam tråd")
    log_in(client, persona())
    text = client.get(url("link", LINK)).text
    assert "Gemensam tråd" in text and "Skriv ett inlägg" in text


def test_members_of_a_linked_network_see_the_joint_threads_but_not_the_other_networks_own_posts(client: Any) -> None:
    make_post(network=AGENCY_NETWORK, title="Bara för myndigheterna")
    make_post(network=None, in_link=link(), title="Gemensam tråd")
    log_in(client, member())  # a region: in the RUS-nätverket, not in the myndighetsnätverk
    assert "Gemensam tråd" in client.get(url("link", LINK)).text
    assert "Bara för myndigheterna" not in client.get(url("detail", AGENCY_NETWORK)).text


def test_a_member_of_another_network_does_not_see_the_joint_threads(client: Any) -> None:
    make_post(network=None, in_link=link(), title="Gemensam tråd")
    log_in(client, outsider())
    text = client.get(url("link", LINK)).text
    assert "Gemensam tråd" not in text and "Trådarna är till för medlemmarna" in text
    assert "Hantera samverkan" not in text


def test_the_analysis_network_is_in_no_joint_space(client: Any) -> None:
    assert "Samverkar i" not in client.get(url("detail", OTHER_NETWORK)).text


@pytest.mark.parametrize("name", ["list", "detail", "link", "calendar", "link-calendar"])
def test_the_public_pages_refuse_post(client: Any, name: str) -> None:
    args = [] if name == "list" else [LINK if name.startswith("link") else RUS_NETWORK]
    assert client.post(url(name, *args)).status_code == 405


def test_the_pages_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for n in range(3):
        make_meeting(RUS_NETWORK, days=n + 1, title=f"Möte {n}")
        make_meeting(AGENCY_NETWORK, days=n + 1, title=f"Myndighetsmöte {n}")
    # data version, networks with counts, their links, all links
    with django_assert_num_queries(4):
        client.get(url("list"))
    # data version, network, memberships, links, meetings, entry points
    with django_assert_num_queries(6):
        client.get(url("detail", RUS_NETWORK))
    # data version, link, networks, memberships, meetings, entry points
    with django_assert_num_queries(6):
        client.get(url("link", LINK))


def test_a_members_pages_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for n in range(3):
        make_meeting(RUS_NETWORK, days=n + 1, title=f"Möte {n}")
        make_post(title=f"Inlägg {n}")
        make_post(network=None, in_link=link(), title=f"Tråd {n}")
    log_in(client, member())
    client.get(url("detail", RUS_NETWORK))  # warms the session
    # network, memberships, session, user, groups, roles, meetings, entry points, links, organisations,
    # coordinators, post count, unread notifications, posts, and saving the session (3)
    with django_assert_num_queries(17):
        client.get(url("detail", RUS_NETWORK))
    # link, networks, memberships, session, user, groups, roles, meetings, entry points, organisations,
    # post count, unread notifications, posts, and saving the session (3)
    with django_assert_num_queries(16):
        client.get(url("link", LINK))
