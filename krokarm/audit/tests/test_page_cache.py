"""Public pages are cached until the next audited change, and never for visitors with a session."""

import pytest
from django.urls import reverse

from krokarm.actors import actions
from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db


def test_a_repeated_page_is_served_from_the_cache_with_one_query(client, django_assert_num_queries):
    url = reverse("actors:detail", args=["reglab"])
    first = client.get(url)
    with django_assert_num_queries(1):  # the data version only
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_an_audited_change_is_visible_on_the_next_request(client):
    url = reverse("actors:detail", args=["reglab"])
    assert "Luleå" not in client.get(url).text
    actions.save_actor(Actor.objects.get(slug="reglab"), {"seat": "Luleå"}, source="test")
    assert "Luleå" in client.get(url).text


def test_each_language_has_its_own_cached_page(client):
    assert '<html lang="sv">' in client.get("/").text
    client.get(reverse("home:language", args=["en"]))
    assert '<html lang="en">' in client.get("/").text


def test_visitors_with_a_session_always_get_a_fresh_page(staff_client, django_assert_max_num_queries):
    url = reverse("regions:list")
    staff_client.get(url)
    response = staff_client.get(url)
    assert response.context is not None  # rendered, not replayed


def test_downloads_keep_their_file_name_when_cached(client):
    url = reverse("actors:download-actors-csv")
    client.get(url)
    assert 'filename="krokarm-aktorer.csv"' in client.get(url)["Content-Disposition"]


def test_not_found_pages_are_not_cached(client):
    url = reverse("actors:detail", args=["finns-inte"])
    assert client.get(url).status_code == 404
    actions.save_actor(Actor(), {"slug": "finns-inte", "kind": "agency", "name": "Nu finns den"}, source="test")
    assert client.get(url).status_code == 200


def test_api_answers_are_cached_too(client, django_assert_num_queries):
    client.get("/api/v1/actors", {"kind": "region"})
    with django_assert_num_queries(1):
        body = client.get("/api/v1/actors", {"kind": "region"}).json()
    assert body["count"] == 21
