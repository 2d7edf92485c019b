"""The search page: one box across the site, results grouped by type, filters, highlights, no dead ends."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.comments import actions as comment_actions
from krokarm.needs.tests.factories import make_need, person

pytestmark = pytest.mark.django_db
URL = "/sok/"


def test_an_empty_search_shows_the_box_and_what_can_be_found(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert 'type="search"' in response.text and "Inga träffar" not in response.text


def test_a_new_need_is_found_at_once_with_its_words_marked(client: Any) -> None:
    need = make_need(title="Fler svetsare till verkstadsindustrin")
    response = client.get(URL, {"q": "svetsare"})
    assert response.status_code == 200
    assert need.get_absolute_url() in response.text
    assert "<mark>svetsare</mark>" in response.text


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("svetsaren", "another form of the word"),
        ("svestare", "a typo"),
        ("verkstadsindustri", "a compound, inflected"),
        ("verkstadsindustrin Östergötland", "words from title and text"),
    ],
)
def test_swedish_text_analysis_finds_forms_typos_and_compounds(client: Any, query: str, why: str) -> None:
    need = make_need(title="Fler svetsare till verkstadsindustrin")
    response = client.get(URL, {"q": query, "typ": "behov"})
    assert need.get_absolute_url() in response.text, why


def test_results_are_grouped_by_type_with_counts(client: Any) -> None:
    make_need(title="Kompetensförsörjning i vården")
    response = client.get(URL, {"q": "kompetensförsörjning"})
    text = response.text
    assert 'id="typ-ansvar"' in text and 'id="typ-behov"' in text
    assert text.index('id="typ-ansvar"') < text.index('id="typ-behov"')  # the order of the kinds
    assert "Regionala behov (1)" in text


def test_the_type_filter_shows_one_type_and_links_to_the_others(client: Any) -> None:
    make_need(title="Kompetensförsörjning i vården")
    response = client.get(URL, {"q": "kompetensförsörjning", "typ": "behov"})
    assert 'id="typ-behov"' in response.text and 'id="typ-ansvar"' not in response.text
    assert "typ=ansvar" in response.text  # the facet to the other type


def test_the_region_filter_keeps_results_from_that_county(client: Any) -> None:
    ours = make_need(title="Undersköterskor behövs", region="region-ostergotland")
    theirs = make_need(title="Undersköterskor saknas", region="region-skane")
    response = client.get(URL, {"q": "undersköterskor", "typ": "behov", "lan": "ostergotlands-lan"})
    assert ours.get_absolute_url() in response.text and theirs.get_absolute_url() not in response.text


def test_a_theme_filter_on_a_strategic_area_finds_its_topics(client: Any) -> None:
    need = make_need(title="Undersköterskor behövs", themes=("vuxenutbildning",))
    area = need.themes.get().parent
    response = client.get(URL, {"q": "undersköterskor", "typ": "behov", "tema": area.slug})
    assert need.get_absolute_url() in response.text


def test_an_unknown_filter_value_is_reported_and_the_search_still_answers(client: Any) -> None:
    make_need(title="Undersköterskor behövs")
    response = client.get(URL, {"q": "undersköterskor", "lan": "atlantis", "typ": "rymd"})
    assert response.status_code == 200
    assert "Välj ett län i listan." in response.text and "Välj en typ i listan." in response.text
    assert "Undersköterskor" in response.text


def test_nothing_found_offers_a_way_on(client: Any) -> None:
    response = client.get(URL, {"q": "blomkrukor"})
    assert "Inga träffar" in response.text
    assert "/fraga/?q=blomkrukor" in response.text


def test_a_hidden_comment_is_not_found_and_a_visible_one_is(client: Any) -> None:
    need = make_need(title="Undersköterskor behövs")
    author = person("csn")
    with zeal_ignore():
        shown = comment_actions.post_comment(need, user=author, text="Yrkeshögskolan i Norrköping har platser kvar")
        hidden = comment_actions.post_comment(need, user=author, text="Yrkeshögskolan reklamspam köp nu")
        comment_actions.hide_comment(hidden, user=None, reason="Reklam")
    response = client.get(URL, {"q": "yrkeshögskolan norrköping", "typ": "kommentar"})
    assert f"#kommentar-{shown.pk}" in response.text
    assert f"#kommentar-{hidden.pk}" not in response.text


def test_user_text_is_escaped_in_titles_and_snippets(client: Any) -> None:
    make_need(title="<script>alert(1)</script> svetsare")
    response = client.get(URL, {"q": "svetsare"})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_pages_of_one_type_follow_each_other(client: Any) -> None:
    first = client.get(URL, {"q": "kommun", "typ": "aktor"})
    second = client.get(URL, {"q": "kommun", "typ": "aktor", "sida": "2"})
    assert "Sida 1 av" in first.text and "Sida 2 av" in second.text
    assert first.text != second.text


def test_a_page_past_the_last_shows_the_last(client: Any) -> None:
    response = client.get(URL, {"q": "kommun", "typ": "aktor", "sida": "999"})
    assert response.status_code == 200 and "<mark>" in response.text


def test_a_query_too_long_is_refused_with_a_message(client: Any) -> None:
    response = client.get(URL, {"q": "ord " * 100})
    assert response.status_code == 200 and "Skriv högst 200 tecken" in response.text


def test_searching_takes_few_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    client.get(URL, {"q": "kompetensförsörjning"})  # the process builds its index once
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "kompetensförsörjning validering"})
    assert response.status_code == 200


def test_only_get_is_allowed(client: Any) -> None:
    assert client.post(URL, {"q": "x"}).status_code == 405


def test_the_type_filter_offers_exactly_the_types_some_app_registered(client: Any) -> None:
    from krokarm.search.forms import SearchForm
    from krokarm.search.registry import searchables

    offered = [value for value, _label in SearchForm().fields["typ"].choices if value]  # type: ignore[attr-defined]
    assert offered == [searchable.kind for searchable in searchables()]
    assert {"utmaning", "program", "kunskap", "dialog"} <= set(offered)
