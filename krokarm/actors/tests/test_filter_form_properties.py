"""Properties of the filter forms and the pages that read them: any query string is either used or
reported, never a crash, and the filters handed to the queries are always valid ones."""

from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krokarm.actors.forms import DEFAULT_AREA, ActorFilterForm, MatrixForm
from krokarm.actors.models import Actor, Theme
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db

# The `db` fixture is one rolled-back transaction around all examples; the forms and pages only read.
PROPERTIES = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
PAGES = settings(PROPERTIES, max_examples=50)

# Real values from the seeded directory, so that valid filters are drawn as well as nonsense.
KINDS = [str(value) for value in Actor.Kind.values]
REGIONS = ["stockholms-lan", "skane-lan", "gotlands-lan", "norrbottens-lan"]
THEMES = ["kompetensforsorjning", "validering", "yrkeshogskola", "innovation-och-foretagande"]
AREAS = ["kompetensforsorjning", "innovation-och-foretagande", "tillganglighet", "likvardiga-mojligheter"]

# Text as a query string can carry it: any code point but lone surrogates, NUL bytes included.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
long_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=190, max_size=600)
nul_text = st.builds(lambda a, b: a + "\x00" + b, any_text, any_text)
odd_text = st.one_of(any_text, long_text, nul_text, st.sampled_from(["", " ", "%", "_", "' OR 1=1 --", "\\"]))
words = st.lists(st.sampled_from(["region", "Skåne", "ÖSTERSUND", "kommun", "myh", "0180", "vux"]), max_size=4).map(
    " ".join
)


def value_for(options: list[str], padding: bool = True) -> st.SearchStrategy[str]:
    valid = st.sampled_from(options)
    if padding:
        valid = st.one_of(valid, valid.map(lambda v: f" {v} "), valid.map(str.upper))
    return st.one_of(valid, odd_text)


query_pairs = st.lists(
    st.one_of(
        st.tuples(st.just("kind"), value_for(KINDS)),
        st.tuples(st.just("region"), value_for(REGIONS)),
        st.tuples(st.just("theme"), value_for(THEMES)),
        st.tuples(st.just("q"), st.one_of(words, odd_text)),
        st.tuples(st.just("sida"), st.one_of(st.integers(-5, 10**6).map(str), odd_text)),
        st.tuples(any_text, odd_text),
    ),
    max_size=6,
)


def as_query_dict(pairs: list[tuple[str, str]]) -> QueryDict:
    """What Django makes of the query string a browser would send for these pairs."""
    return QueryDict(urlencode(pairs))


@PROPERTIES
@given(pairs=query_pairs)
def test_any_query_string_validates_or_reports_errors_without_raising(db, pairs):
    form = ActorFilterForm(as_query_dict(pairs))
    if not form.is_valid():
        assert set(form.errors) <= {"q", "kind", "region", "theme"}, form.errors
    form.selected()


@PROPERTIES
@given(pairs=query_pairs)
def test_the_selected_filters_are_always_valid_values(db, pairs):
    data = as_query_dict(pairs)
    selected = ActorFilterForm(data).selected()

    assert set(selected) == {"kind", "county", "theme", "q"}
    assert selected["kind"] in ["", *KINDS]
    assert selected["county"] is None or isinstance(selected["county"], County)
    assert selected["theme"] is None or isinstance(selected["theme"], Theme)
    assert isinstance(selected["q"], str) and len(selected["q"]) <= 200 and "\x00" not in selected["q"]
    assert selected["q"] == selected["q"].strip()


@PROPERTIES
@given(pairs=query_pairs)
def test_every_filter_given_is_either_used_or_reported(db, pairs):
    data = as_query_dict(pairs)
    form = ActorFilterForm(data)
    selected = form.selected()

    def used_or_reported(field: str, used: Any) -> bool:
        return used or field in form.errors

    kind, region, theme, q = (data.get(name, "") for name in ("kind", "region", "theme", "q"))
    assert not kind or used_or_reported("kind", selected["kind"] == kind)
    assert not region or used_or_reported("region", selected["county"] and selected["county"].slug == region)
    assert not theme or used_or_reported("theme", selected["theme"] and selected["theme"].slug == theme)
    assert not q.strip() or used_or_reported("q", selected["q"] == q.strip())


@PROPERTIES
@given(omrade=value_for(AREAS), present=st.booleans())
def test_the_matrix_always_shows_a_strategic_area_and_reports_an_unknown_one(db, omrade, present):
    form = MatrixForm(QueryDict(urlencode({"omrade": omrade})) if present else None)
    area = form.area()

    assert area is not None and area.parent_id is None
    if present and omrade in AREAS:
        assert area.slug == omrade
    else:
        assert area.slug == DEFAULT_AREA
        assert not present or omrade == "" or "omrade" in form.errors


@PAGES
@given(pairs=query_pairs)
def test_the_actor_list_answers_any_query_string_with_a_page(db, pairs):
    response = Client(raise_request_exception=False).get(reverse("actors:list") + "?" + urlencode(pairs))
    assert response.status_code == 200
    form = response.context["form"]
    assert all(f'href="#id_{field}"' in response.text for field in form.errors), "every error is summarised"


@settings(PAGES, max_examples=15)
@given(omrade=value_for(AREAS))
def test_the_matrix_page_answers_any_area_with_a_page(db, omrade):
    response = Client(raise_request_exception=False).get(reverse("actors:matrix"), {"omrade": omrade})
    assert response.status_code == 200
