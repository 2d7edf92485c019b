"""API v1 /actors: filters, pagination, detail and the one error shape."""

import pytest

from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    return client.get(f"/api/v1{path}", params)


def test_actors_are_paginated_as_items_and_count(client):
    body = get(client, "/actors").json()
    assert set(body) == {"items", "count"}
    assert body["count"] == Actor.objects.count()
    assert len(body["items"]) == 25


def test_kind_region_has_21_and_kind_agency_at_least_30(client):
    assert get(client, "/actors", kind="region").json()["count"] == 21
    assert get(client, "/actors", kind="agency").json()["count"] >= 30
    assert get(client, "/actors", kind="municipality", limit=200).json()["count"] == 290


@pytest.mark.parametrize("region", ["region-uppsala", "uppsala-lan", "03"])
def test_region_accepts_a_region_slug_a_county_slug_or_a_county_code(client, region):
    body = get(client, "/actors", region=region, limit=50).json()
    assert body["count"] == 8 + 2  # 8 municipalities, the region and the länsstyrelse
    assert all(item["county"]["code"] == "03" for item in body["items"])


def test_theme_and_free_text_filter_together(client):
    body = get(client, "/actors", theme="yrkeshogskola", q="yrkeshögskolan").json()
    assert [item["slug"] for item in body["items"]] == ["myh"]


def test_limit_and_offset_page_through_the_list(client):
    first = get(client, "/actors", kind="municipality", limit=10).json()["items"]
    second = get(client, "/actors", kind="municipality", limit=10, offset=10).json()["items"]
    assert len(first) == len(second) == 10
    assert {i["slug"] for i in first}.isdisjoint({i["slug"] for i in second})


@pytest.mark.parametrize(
    "params, field",
    [
        ({"kind": "spaceagency"}, "kind"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "tio"}, "limit"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filter_values_get_400_in_the_one_error_shape(client, params, field):
    response = get(client, "/actors", **params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid_request"
    assert [d["field"] for d in error["details"]] == [field]


def test_an_unknown_region_or_theme_is_named_in_the_error(client):
    region = get(client, "/actors", region="atlantis").json()["error"]
    assert (region["code"], region["message"]) == ("unknown_region", "Okänd region: atlantis.")
    theme = get(client, "/actors", theme="alkemi").json()["error"]
    assert theme["code"] == "unknown_theme"


def test_an_actor_comes_with_responsibilities_services_and_networks(client):
    body = get(client, "/actors/tillvaxtverket").json()
    assert body["kind"] == "agency" and body["org_number"] == "202100-6149"
    assert body["responsibilities"] and body["services"]
    assert {"slug", "name"} <= set(body["responsibilities"][0]["theme"])
    assert "myndighetsnatverket" in [n["slug"] for n in body["networks"]]
    assert body["url"] == "/aktorer/tillvaxtverket/"


def test_a_network_lists_its_members_with_roles(client):
    members = get(client, "/actors/rus-natverket").json()["members"]
    assert {"actor": {"slug": "reglab", "kind": "organisation", "name": "Reglab"}, "role": "samordnare"} in members
    assert sum(1 for m in members if m["actor"]["kind"] == "region") == 21


def test_an_unknown_actor_is_404_in_the_one_error_shape(client):
    response = get(client, "/actors/finns-inte")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_api_address_is_404_in_the_one_error_shape(client):
    response = client.get("/api/v2/actors")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_writing_is_not_allowed(client):
    assert client.post("/api/v1/actors").status_code == 405


def test_the_actor_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # the data version, the count, the page
        get(client, "/actors", kind="municipality", limit=200)


def test_an_actor_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # +2 (from 8): when the actor, its responsibilities and services were checked and confirmed, for all at once
    # (krokarm.audit.provenance)
    with django_assert_num_queries(10):
        get(client, "/actors/rus-natverket")


def test_an_actor_says_when_it_and_each_responsibility_were_checked_and_who_confirmed_it(client):
    from django.db import transaction

    from krokarm.audit.actions import record
    from krokarm.audit.models import ReferenceRecord

    actor = Actor.objects.get(slug="arbetsformedlingen")
    checked = ReferenceRecord.objects.get(target_type="actors.actor", target_id=str(actor.pk)).checked_on
    with transaction.atomic():
        record("confirmed", actor, source="web", organisation=actor, changes={"confirmed_on": [None, "2026-12-07"]})

    body = get(client, "/actors/arbetsformedlingen").json()

    assert body["provenance"] == {
        "checked_on": checked.isoformat(),
        "confirmed_by": {"slug": "arbetsformedlingen", "kind": "agency", "name": actor.name},
        "confirmed_on": "2026-12-07",
    }
    assert body["responsibilities"]
    assert all(r["provenance"]["checked_on"] == checked.isoformat() for r in body["responsibilities"])
    assert all(s["provenance"]["confirmed_by"] is None for s in body["services"])
