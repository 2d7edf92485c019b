"""Region pages: all 21 counties, and each county with its region, länsstyrelse and municipalities."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_region_list_shows_all_21_counties_with_their_regions(client):
    response = client.get(reverse("regions:list"))
    assert response.status_code == 200
    assert len(response.context["counties"]) == 21
    assert "Västra Götalandsregionen" in response.text
    assert "Region Jämtland Härjedalen" in response.text


def test_a_county_page_shows_facts_region_board_and_every_municipality(client):
    response = client.get(reverse("regions:detail", args=["skane-lan"]))
    assert response.status_code == 200
    assert response.context["region"].slug == "region-skane"
    assert response.context["county_board"].kind == "county_board"
    assert len(response.context["municipalities"]) == 33
    assert "Malmö" in response.text and "Skåne-Blekinge" in response.text


def test_gotland_has_one_municipality(client):
    response = client.get(reverse("regions:detail", args=["gotlands-lan"]))
    assert [m.code for m in response.context["municipalities"]] == ["0980"]


def test_an_unknown_county_is_a_404_in_swedish(client):
    response = client.get(reverse("regions:detail", args=["atlantis"]))
    assert response.status_code == 404
    assert "Det finns inget län med den adressen." in response.text


def test_only_get_is_allowed(client):
    assert client.post(reverse("regions:list")).status_code == 405


def test_region_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(reverse("regions:list"))
    # 3 for the county and its actors, 5 for the region's strategy (RUS), 2 for its EU programmes and their reach
    with django_assert_num_queries(10):
        client.get(reverse("regions:detail", args=["vastra-gotalands-lan"]))


def test_a_county_page_shows_where_the_region_stands_with_its_strategy(client):
    response = client.get(reverse("regions:detail", args=["dalarnas-lan"]))
    assert "Strategi (RUS)" in response.text
    assert "Dalastrategin 2030" in response.text
    assert response.context["strategy_status"].current_phase.kind == "beslut"
    assert reverse("strategies:region", args=["region-dalarna"]) in response.text
