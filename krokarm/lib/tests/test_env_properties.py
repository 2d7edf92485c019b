"""Properties of the typed environment helpers: values round-trip, garbage is refused by name."""

from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krokarm.lib.env import env_bool, env_int, env_list

T = TypeVar("T")
PROPERTIES = settings(max_examples=100, deadline=None, derandomize=True, database=None)

TRUE = ["1", "true", "yes", "on"]
FALSE = ["0", "false", "no", "off"]

names = st.from_regex(r"\AKROKARM_TEST_[A-Z0-9_]{1,20}\Z")
# What an environment variable can hold: any text but NUL and lone surrogates.
values = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40)
padding = st.text(st.sampled_from(" \t\n\r"), max_size=3)


def with_env(name: str, raw: str | None, read: Callable[[], T]) -> T:
    """Read with the variable set to `raw` (unset for None); a monkeypatch per example, as Hypothesis
    runs every example inside one call of the test."""
    with pytest.MonkeyPatch.context() as patch:
        if raw is None:
            patch.delenv(name, raising=False)
        else:
            patch.setenv(name, raw)
        return read()


def mixed_case(draw: st.DrawFn, word: str) -> str:
    return "".join(char.upper() if draw(st.booleans()) else char for char in word)


@st.composite
def spelled_booleans(draw: st.DrawFn) -> tuple[str, bool]:
    expected = draw(st.booleans())
    word = draw(st.sampled_from(TRUE if expected else FALSE))
    return draw(padding) + mixed_case(draw, word) + draw(padding), expected


@PROPERTIES
@given(names, spelled_booleans(), st.booleans())
def test_a_boolean_spelled_any_accepted_way_reads_back_whatever_the_default(name, spelled, default):
    raw, expected = spelled
    assert with_env(name, raw, lambda: env_bool(name, default)) is expected


@PROPERTIES
@given(names, padding, st.booleans())
def test_an_empty_boolean_is_false_not_the_default(name, raw, default):
    assert with_env(name, raw, lambda: env_bool(name, default)) is False


@PROPERTIES
@given(names, values.filter(lambda raw: raw.strip().lower() not in {*TRUE, *FALSE, ""}), st.booleans())
def test_any_other_boolean_is_refused_with_the_variable_named(name, raw, default):
    with pytest.raises(ValueError, match=name):
        with_env(name, raw, lambda: env_bool(name, default))


@PROPERTIES
@given(names, st.booleans())
def test_an_unset_boolean_is_the_default(name, default):
    assert with_env(name, None, lambda: env_bool(name, default)) is default


@PROPERTIES
@given(names, st.integers(), padding, padding, st.integers())
def test_a_whole_number_reads_back_with_any_padding(name, number, before, after, default):
    assert with_env(name, f"{before}{number}{after}", lambda: env_int(name, default)) == number


@PROPERTIES
@given(names, st.one_of(st.none(), padding), st.integers())
def test_an_unset_or_blank_number_is_the_default(name, raw, default):
    assert with_env(name, raw, lambda: env_int(name, default)) == default


def is_whole_number(raw: str) -> bool:
    try:
        int(raw)
    except ValueError:
        return False
    return True


@PROPERTIES
@given(
    names,
    st.one_of(
        values.filter(lambda raw: raw.strip() != "" and not is_whole_number(raw)),
        st.sampled_from(["1.5", "1e3", "åtta", "0x10", "--1", "1 000", "NaN", "inf"]),
    ),
    st.integers(),
)
def test_anything_but_a_whole_number_is_refused_with_the_variable_named(name, raw, default):
    with pytest.raises(ValueError, match=name):
        with_env(name, raw, lambda: env_int(name, default))


list_items = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00,"), min_size=1, max_size=20
).filter(lambda item: item.strip() == item and item != "")


@PROPERTIES
@given(names, st.lists(st.tuples(padding, list_items, padding), max_size=6), st.booleans())
def test_a_list_reads_back_its_items_trimmed_in_order(name, padded_items, trailing_comma):
    raw = ",".join(before + item + after for before, item, after in padded_items) + ("," if trailing_comma else "")
    assert with_env(name, raw, lambda: env_list(name, ["default"])) == [item for _, item, _ in padded_items]


@PROPERTIES
@given(names, st.lists(list_items, max_size=4))
def test_an_unset_list_is_a_copy_of_the_default(name, default):
    result = with_env(name, None, lambda: env_list(name, default))
    assert result == default
    result.append("changed")
    assert "changed" not in default


@PROPERTIES
@given(names, st.text(st.sampled_from(" ,\t"), max_size=6))
def test_a_list_of_only_commas_and_spaces_is_empty_not_the_default(name, raw):
    assert with_env(name, raw, lambda: env_list(name, ["default"])) == []
