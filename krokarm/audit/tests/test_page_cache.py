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


def test_a_page_with_a_form_is_never_served_to_someone_else(client):
    # The answer fragment carries the "Fick du svar?" form with this visitor's CSRF token.
    url = reverse("wayin:ask") + "?q=Var+kan+jag+l%C3%A4sa+sfi%3F&partial=1"
    first = client.get(url)
    assert "csrfmiddlewaretoken" in first.text
    client.cookies.clear()  # another visitor
    second = client.get(url)
    assert second.context is not None  # rendered for them, not replayed
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_a_private_change_leaves_the_cached_pages_alone(client, django_assert_num_queries):
    from krokarm.cases.tests.factories import make_case

    url = reverse("actors:detail", args=["reglab"])
    client.get(url)
    make_case()  # a case in an inbox: recorded, but on no public page
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
