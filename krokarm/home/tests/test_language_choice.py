"""Which language a page is in: the language cookie wins, then a browser that prefers English, else Swedish."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture(autouse=True)
def _empty_page_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("header", "language"),
    [("sv-SE", "sv"), ("en-GB", "en"), ("en, sv;q=0.5", "en"), ("sv, en", "sv"), ("fr-FR", "sv")],
)
@pytest.mark.django_db
def test_without_a_cookie_the_browser_preference_decides_between_english_and_swedish(client, header, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in response.text


@pytest.mark.django_db
def test_the_language_cookie_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert response["Content-Language"] == "sv"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_the_browser_preference(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")["Content-Language"] == "en"


@pytest.mark.django_db
def test_pages_say_they_vary_by_the_browser_language_and_the_cookie(client):
    vary = {v.strip() for v in client.get("/")["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


@pytest.mark.django_db
def test_the_page_cache_never_serves_a_swedish_page_to_an_english_browser(client):
    url = reverse("actors:list")
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv-SE")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB")
    again = client.get(url, HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert english["Content-Language"] == "en" and '<html lang="en">' in english.text
    assert english.content != swedish.content
    assert again.content == swedish.content
