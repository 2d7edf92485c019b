"""Only strictly necessary cookies, and the personal-data page says which (ePrivacy; LEK 9 kap. 28 §)."""

import pytest
from django.conf import settings
from django.urls import reverse

from krokarm.home.views import duration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/om-krokarm/", "/personuppgifter/", "/aktorer/", "/vem-ansvarar-for-vad/", "/regioner/", "/data/"]
)
def test_an_anonymous_visitor_reading_pages_gets_no_cookie(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_personal_data_page_lists_every_cookie_with_why_and_how_long(client):
    html = client.get(reverse("home:personal-data")).text
    assert '<h2 id="kakor">Kakor</h2>' in html
    for name in [settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, "messages"]:
        assert f"<code>{name}</code>" in html
    assert "inga kakor för statistik, analys eller reklam" in html
    assert "inga kakor från andra webbplatser" in html
    minutes = settings.SESSION_COOKIE_AGE // 60
    assert f"Tills du loggar ut, eller när du inte har använt sidorna på {minutes} minuter." in html
    assert "1 år." in html  # the CSRF cookie: Django's default of 52 weeks
    assert "Tills du stänger webbläsaren." in html  # the language cookie lasts as long as the browser session
    assert "samtycke" in html


def test_the_durations_follow_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 14 * 86400
    settings.SESSION_SAVE_EVERY_REQUEST = False
    settings.LANGUAGE_COOKIE_AGE = 365 * 86400
    html = client.get(reverse("home:personal-data")).text
    assert "Tills du loggar ut, som längst 2 veckor." in html
    assert "1 år, eller tills du byter språk igen." in html


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1800, "30 minuter"), (3600, "1 timme"), (86400, "1 dag"), (1209600, "2 veckor"), (31449600, "1 år")],
)
def test_a_cookie_age_is_said_in_words(seconds, words):
    assert duration(seconds) == words
