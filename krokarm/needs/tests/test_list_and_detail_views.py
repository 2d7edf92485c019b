"""The public pages: the list of open needs with its filters, and a need with its answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from zeal import zeal_ignore

from krokarm.needs import actions
from krokarm.needs.tests.factories import (
    log_in,
    make_answer,
    make_need,
    officer,
    person,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_open_needs_only(client: Any) -> None:
    open_need, closed = make_need(title="Öppet behov"), make_need(title="Stängt behov")
    with zeal_ignore():
        actions.close_need(closed, user=None)
    response = client.get(url("list"))
    assert response.status_code == 200
    assert "Öppet behov" in response.text and "Stängt behov" not in response.text
    assert open_need.get_absolute_url() in response.text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("region=region-ostergotland", "Östergötlands behov"),
        ("region=region-skane", "Skånes behov"),
        ("invited=csn", "Skånes behov"),
        ("theme=kompetensforsorjning", "Östergötlands behov"),
        ("theme=tillganglighet", "Skånes behov"),
    ],
)
def test_the_list_filters_on_region_invited_agency_and_theme(client: Any, query: str, shown: str) -> None:
    make_need(title="Östergötlands behov", themes=("kompetensforsorjning",), invited=("arbetsformedlingen",))
    make_need("region-skane", title="Skånes behov", themes=("tillganglighet",), invited=("csn",))
    text = client.get(f"{url('list')}?{query}").text
    hidden = {"Östergötlands behov", "Skånes behov"} - {shown}
    assert shown in text and hidden.pop() not in text


def test_a_strategic_area_finds_needs_marked_with_its_topics(client: Any) -> None:
    make_need(title="Validering", themes=("validering",))
    assert "Validering" in client.get(f"{url('list')}?theme=kompetensforsorjning").text


def test_unknown_filters_are_reported_in_swedish(client: Any) -> None:
    response = client.get(f"{url('list')}?region=atlantis&invited=rymdstyrelsen")
    assert response.status_code == 200
    assert "Välj en region i listan." in response.text and "Välj en myndighet i listan." in response.text


def test_the_list_is_paginated(client: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    for n in range(3):
        make_need(title=f"Behov nummer {n}")
    first, second = client.get(url("list")).text, client.get(f"{url('list')}?sida=2").text
    assert "Sida 1 av 2" in first and "Behov nummer 2" in first and "Behov nummer 0" not in first
    assert "Behov nummer 0" in second


def test_the_list_runs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    for n in range(3):
        make_answer(make_need(title=f"Behov {n}"), user=officer())
    client.get(url("list"))  # fills the cached theme choices
    # data version (the page cache's and the theme choices'), regions and agencies, count, page, themes
    with django_assert_num_queries(6):
        client.get(f"{url('list')}?sida=1")


def test_a_visitor_sees_the_need_and_the_organisations_answers_but_not_who_wrote_them(client: Any) -> None:
    need = make_need()
    make_answer(need, user=officer(), text="Vi har en utbildning som passar.")
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert need.title in text and "Vi har en utbildning som passar." in text and "Arbetsförmedlingen" in text
    assert "Anna Handläggare" not in text
    assert "Logga in för att svara" in text and 'action="/behov/' not in text
    assert "/kommentarer/behov/" in text


@pytest.mark.parametrize(("language", "needed_by"), [("sv", "31 december 2026"), ("en", "31 December 2026")])
def test_the_need_page_writes_its_date_in_words_in_each_language(client: Any, language: str, needed_by: str) -> None:
    need = make_need()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    assert f"<dd>{needed_by}</dd>" in client.get(need.get_absolute_url()).text


def test_a_need_without_themes_shows_no_empty_themes_row(client: Any) -> None:
    assert "<dt>Teman</dt>" not in client.get(make_need(themes=()).get_absolute_url()).text
    assert "<dt>Teman</dt>" in client.get(make_need(title="Med tema").get_absolute_url()).text


def test_the_regions_staff_see_who_wrote_each_answer(client: Any) -> None:
    need = make_need()
    make_answer(need, user=officer())
    log_in(client, person("region-ostergotland"))
    assert "Anna Handläggare" in client.get(need.get_absolute_url()).text


def test_another_regions_staff_do_not_see_who_wrote_the_answers(client: Any) -> None:
    need = make_need()
    make_answer(need, user=officer())
    log_in(client, region_editor("region-skane"))
    text = client.get(need.get_absolute_url()).text
    assert "Anna Handläggare" not in text and "Ändra behovet" not in text


def test_the_owner_sees_edit_close_and_reply(client: Any) -> None:
    need = make_need()
    make_answer(need)
    log_in(client, region_editor())
    text = client.get(need.get_absolute_url()).text
    assert "Ändra behovet" in text and "Stäng behovet" in text and "svar-" in text


def test_an_officer_gets_the_answer_form_for_their_organisation(client: Any) -> None:
    need = make_need()
    log_in(client, officer())
    text = client.get(need.get_absolute_url()).text
    assert "Svara på behovet" in text and "Du svarar för Arbetsförmedlingen." in text


def test_a_closed_need_has_no_answer_form(client: Any) -> None:
    need = make_need()
    with zeal_ignore():
        actions.close_need(need, user=None)
    log_in(client, officer())
    text = client.get(need.get_absolute_url()).text
    assert "Svara på behovet" not in text and "tar inte emot fler svar" in text


def test_an_unknown_need_is_a_404_in_swedish(client: Any) -> None:
    response = client.get(url("detail", 999999))
    assert response.status_code == 404 and "Det finns inget behov med den adressen." in response.text


@pytest.mark.parametrize("name", ["list", "detail"])
def test_the_public_pages_allow_only_get(client: Any, name: str) -> None:
    need = make_need()
    assert client.post(url(name, *([need.pk] if name == "detail" else []))).status_code == 405


def test_the_detail_page_runs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    need = make_need()
    for slug in ("arbetsformedlingen", "csn", "skatteverket"):
        make_answer(need, slug=slug)
    # data version, need, themes, invited, answers, comment count
    with django_assert_num_queries(6):
        client.get(need.get_absolute_url())


def test_the_detail_page_for_the_owner_runs_a_fixed_number_of_queries(
    client: Any, django_assert_num_queries: Any
) -> None:
    need = make_need()
    for slug in ("arbetsformedlingen", "csn"):
        make_answer(need, slug=slug)
    log_in(client, region_editor())
    # need, session, user, roles, answers, comment count, the header's coordinator check and unread
    # notifications, themes, invited, whether they follow the need, and the session's renewal (update in a
    # savepoint: 3)
    with django_assert_num_queries(14):
        client.get(need.get_absolute_url())
