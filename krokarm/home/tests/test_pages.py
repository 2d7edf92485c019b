"""The start page, the about and personal-data pages, and the shared layout."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_start_page_says_what_krokarm_is_and_offers_a_question_box(client):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    assert "Vem kan svara på din fråga?" in response.text
    assert 'role="search"' in response.text
    for name in ["actors:list", "actors:matrix", "regions:list", "actors:data"]:
        assert reverse(name) in response.text


def test_the_start_page_counts_what_the_directory_holds(client):
    counts = client.get(reverse("home:start")).context["counts"]
    assert counts["region"] == 21 and counts["municipality"] == 290


@pytest.mark.parametrize(
    "name", ["home:start", "home:about", "home:personal-data", "home:accessibility", "actors:list", "regions:list"]
)
def test_every_page_has_a_skip_link_one_h1_and_a_labelled_main_menu(client, name):
    html = client.get(reverse(name)).text
    assert '<a class="skip-link" href="#main">Hoppa till innehållet</a>' in html
    assert html.count("<h1") == 1
    assert 'aria-label="Huvudmeny"' in html
    assert 'id="main"' in html


def test_the_current_page_is_marked_in_the_menu(client):
    html = client.get(reverse("regions:list")).text
    assert f'href="{reverse("regions:list")}" aria-current="page"' in html


def menu_links(html, nav_class):
    nav = html.split(f'<nav class="{nav_class}"')[1].split("</nav>")[0]
    return re.findall(r'<li><a href="([^"]+)"', nav), nav


def test_on_phones_the_main_menu_and_search_box_fold_behind_a_meny_button_with_the_same_links(client):
    html = client.get(reverse("regions:list")).text
    bar_links, _ = menu_links(html, "site-nav")
    phone_links, phone_menu = menu_links(html, "phone-menu")
    assert len(bar_links) == 12 and phone_links == bar_links
    assert "<summary>Meny</summary>" in phone_menu
    assert 'id="menu-search"' in phone_menu and 'id="site-search"' in html
    assert f'href="{reverse("regions:list")}" aria-current="page"' in phone_menu
    # The stylesheet shows one of the two menus at a time: both carry the main menu's name.
    assert html.count('aria-label="Huvudmeny"') == 2


def test_the_meny_button_reads_menu_in_english(client):
    client.get(reverse("home:language", args=["en"]))
    assert "<summary>Menu</summary>" in client.get(reverse("home:start")).text


def test_the_search_page_has_no_search_box_in_the_header_or_the_menu(client):
    html = client.get(reverse("search:search")).text
    assert 'id="site-search"' not in html and 'id="menu-search"' not in html


def test_the_personal_data_notice_explains_rights(client):
    html = client.get(reverse("home:personal-data")).text
    assert "dataskyddsförordningen" in html
    assert "Integritetsskyddsmyndigheten" in html


def test_an_unknown_address_gives_a_helpful_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text
    assert reverse("home:start") in response.text


def test_the_site_can_be_switched_to_english_and_back_with_a_link(client):
    response = client.get(reverse("home:language", args=["en"]), {"next": "/regioner/"})
    assert response.status_code == 302 and response["Location"] == "/regioner/"
    html = client.get("/regioner/").text
    assert '<html lang="en">' in html and "Regions and counties" in html
    client.get(reverse("home:language", args=["sv"]))
    assert '<html lang="sv">' in client.get("/").text


def test_switching_language_never_redirects_to_another_site(client):
    response = client.get(reverse("home:language", args=["en"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unknown_language_is_a_404(client):
    assert client.get(reverse("home:language", args=["xx"])).status_code == 404


def test_public_pages_carry_no_csrf_token_so_they_can_be_cached(client):
    assert "csrfmiddlewaretoken" not in client.get("/aktorer/").text


def test_a_browser_listing_swedish_first_gets_swedish_even_when_it_accepts_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9,en-GB;q=0.8")
    assert '<html lang="sv">' in response.text
    assert response["Content-Language"] == "sv"


def test_the_accessibility_statement_names_the_law_the_supervisor_and_a_contact(client, settings):
    settings.CONTACT_EMAIL = "tillganglighet@example.se"
    html = client.get(reverse("home:accessibility")).text
    assert "lagen om tillgänglighet till digital offentlig service" in html
    assert "Digg" in html
    assert 'href="mailto:tillganglighet@example.se"' in html
    assert reverse("home:accessibility") in client.get("/").text
