"""API v1 /networks: public reads of the networks, their member organisations, coming meetings and joint spaces;
404 in the one error shape; never the members' posts and never people's names; fixed query counts."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.api.tests.helpers import ERROR_KEYS
from krokarm.networks.tests.factories import (
    LINK,
    RUS_NETWORK,
    make_meeting,
    make_post,
    member,
    network_coordinator,
)

pytestmark = pytest.mark.django_db


def test_networks_list_every_network_with_member_count_and_joint_spaces(client: Any) -> None:
    response = client.get("/api/v1/networks", {"limit": 200})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"]) >= 2
    rus = next(n for n in body["items"] if n["slug"] == RUS_NETWORK)
    assert rus["member_count"] >= 21 and rus["page"] == f"/natverk/{RUS_NETWORK}/"
    assert [link["slug"] for link in rus["links"]] == [LINK]
    assert set(rus) == {"slug", "name", "short_name", "website", "member_count", "links", "page"}


def test_one_network_has_its_coordinating_and_member_organisations_meetings_and_joint_spaces(client: Any) -> None:
    coming = make_meeting(RUS_NETWORK, days=7, title="Höstträff", place="Tillväxtverket, Stockholm")
    make_meeting(RUS_NETWORK, days=-7, title="Förra träffen")
    body = client.get(f"/api/v1/networks/{RUS_NETWORK}").json()
    assert [actor["slug"] for actor in body["coordinating"]] == ["reglab"]
    assert {"organisation": body["coordinating"][0], "role": "samordnare"} in body["members"]
    assert {m["role"] for m in body["members"]} == {"samordnare", "medlem"}
    assert body["meetings"] == [
        {
            "title": "Höstträff",
            "starts_at": body["meetings"][0]["starts_at"],
            "ends_at": body["meetings"][0]["ends_at"],
            "place": "Tillväxtverket, Stockholm",
        }
    ]
    assert body["meetings"][0]["starts_at"].startswith(coming.starts_at.date().isoformat())
    assert [link["slug"] for link in body["links"]] == [LINK]


def test_an_unknown_network_is_404_in_the_one_error_shape(client: Any) -> None:
    response = client.get("/api/v1/networks/finns-inte")
    assert response.status_code == 404
    assert set(response.json()) == {"error"} and set(response.json()["error"]) == ERROR_KEYS
    assert response.json()["error"]["code"] == "not_found"
    # An actor that is not a network is not one here either.
    assert client.get("/api/v1/networks/tillvaxtverket").status_code == 404


def test_neither_posts_nor_personal_names_are_in_the_api(client: Any) -> None:
    writer = member()
    network_coordinator(RUS_NETWORK)
    make_post(network=RUS_NETWORK, user=writer, title="Hemlig rubrik")
    make_meeting(RUS_NETWORK, user=writer)
    answers = [client.get("/api/v1/networks", {"limit": 200}), client.get(f"/api/v1/networks/{RUS_NETWORK}")]
    for response in answers:
        assert response.status_code == 200
        for secret in ("Hemlig rubrik", "Hur har ni lagt upp dialogen", "Maja", "Medlem ", "Nora", "Nätverksson"):
            assert secret not in response.text, secret
        assert "post" not in response.text.lower()


def test_the_network_reads_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for days in (3, 9, 12):
        make_meeting(RUS_NETWORK, days=days)
    # The data version for the cache, the networks with member counts, their joint spaces.
    with django_assert_num_queries(3):
        client.get("/api/v1/networks")
    # The data version, the network, its memberships, its coming meetings, its joint spaces.
    with django_assert_num_queries(5):
        client.get(f"/api/v1/networks/{RUS_NETWORK}")
