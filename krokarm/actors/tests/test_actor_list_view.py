"""The actor list: filters, free text, pagination, bad input and query budget."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("actors:list")


def names(response):
    return [a.name for a in response.context["page"].object_list]


def test_everyone_can_browse_all_actors_with_pagination(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count > 300
    assert len(names(response)) == 25
    assert "Nästa sida" in response.text


def test_filtering_on_kind_shows_only_that_kind(client):
    response = client.get(URL, {"kind": "region"})
    assert response.context["page"].paginator.count == 21
    assert "Region Skåne" in response.text


def test_filtering_on_county_shows_the_actors_in_that_county(client):
    response = client.get(URL, {"region": "gotlands-lan"})
    found = set(names(response))
    assert {"Region Gotland", "Gotland"} <= found
    assert "Region Skåne" not in found


def test_filtering_on_a_strategic_area_includes_its_topics(client):
    response = client.get(URL, {"theme": "kompetensforsorjning", "kind": "agency"})
    slugs = {a.slug for a in response.context["page"].paginator.object_list}
    # Arbetsförmedlingen and MYH hold topics inside the area, not the area itself.
    assert {"arbetsformedlingen", "myh", "csn", "uhr"} <= slugs
    assert "trafikverket" not in slugs


def test_free_text_matches_swedish_letters_in_any_case(client):
    response = client.get(URL, {"q": "ÖSTERSUND"})
    assert response.context["page"].paginator.count >= 1
    assert any("stersund" in (a.seat + a.name) for a in response.context["page"].object_list)


def test_free_text_needs_every_word(client):
    assert client.get(URL, {"q": "region skåne"}).context["page"].paginator.count >= 1
    assert client.get(URL, {"q": "region zzzz"}).context["page"].paginator.count == 0


def test_no_match_says_so_and_offers_a_way_on(client):
    response = client.get(URL, {"q": "qwertyuiop"})
    assert "0 aktörer hittades" in response.text
    assert "Inga aktörer matchar" in response.text
    assert reverse("actors:matrix") in response.text


def test_an_unknown_filter_value_is_explained_and_the_other_filters_still_apply(client):
    response = client.get(URL, {"kind": "spaceagency", "q": "skåne"})
    assert response.status_code == 200
    assert "Välj en typ av aktör i listan." in response.text
    assert all("skåne" in a.search_text for a in response.context["page"].object_list)


def test_an_overlong_search_is_rejected_with_a_message(client):
    response = client.get(URL, {"q": "x" * 201})
    assert "Skriv högst 200 tecken." in response.text


def test_a_page_number_past_the_end_shows_the_last_page(client):
    response = client.get(URL, {"sida": "9999"})
    page = response.context["page"]
    assert page.number == page.paginator.num_pages


def test_pagination_links_keep_the_filters(client):
    response = client.get(URL, {"kind": "municipality"})
    assert "?kind=municipality&amp;sida=2" in response.text


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405


def test_the_list_runs_a_fixed_number_of_queries_on_any_page(client, django_assert_num_queries):
    # The first request also reads the filter choices (counties, areas, topics), kept per data version.
    with django_assert_num_queries(7):
        client.get(URL, {"kind": "municipality", "sida": "1"})
    # Then: the data version (twice: page cache and choices), the count and the page itself.
    for page in ["3", "12"]:
        with django_assert_num_queries(4):
            client.get(URL, {"kind": "municipality", "sida": page})
    with django_assert_num_queries(6):  # plus the theme and its topics
        client.get(URL, {"theme": "kompetensforsorjning"})
