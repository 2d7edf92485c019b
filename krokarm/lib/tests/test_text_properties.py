"""Properties of the search folding and the slugs, for any text a user or a data file can bring."""

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from krokarm.lib.text import fold, slugify_sv

PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True, database=None)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Any text Django can hand us: every code point but lone surrogates, which no request decodes to;
# weighted towards what makes case folding and normalisation hard: letters that fold to several
# letters (ß → ss, ﬁ → fi), letters without a composed form once folded, and combining marks.
tricky = st.sampled_from("ßẞſŉǰİıﬁﬀΐΰϐϑϕϰϱϵᾀᾳΣςσ\u0301\u0308\u030a\u0327\u0345")
any_text = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.characters(categories=["Mn"]), tricky), max_size=60
)
# What Swedish names and queries are made of, in any case, with any kind of white space between words.
swedish_letters = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ0123456789-"
swedish_text = st.text(st.sampled_from([*swedish_letters, " ", "\t", "\n", "\u00a0", "\u2003"]), max_size=40)


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@PROPERTIES
@given(any_text)
@example("ß\u0301")
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@PROPERTIES
@given(swedish_text)
def test_folding_ignores_case(text):
    assert fold(text.upper()) == fold(text.lower()) == fold(text.swapcase()) == fold(text)


@PROPERTIES
@given(swedish_text)
def test_folding_treats_decomposed_letters_like_composed_ones(text):
    assert fold(decomposed(text)) == fold(text)


@PROPERTIES
@given(any_text)
def test_folded_text_has_single_spaces_between_words_and_none_around(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(char == " " or not char.isspace() for char in folded)


white_space = st.text(st.sampled_from(" \t\n\r\u00a0\u2003\u3000"), min_size=1, max_size=3)


@PROPERTIES
@given(st.lists(st.tuples(st.text(st.sampled_from(swedish_letters), min_size=1, max_size=10), white_space), max_size=6))
def test_folding_keeps_every_word_so_each_can_be_searched_for(words_and_gaps):
    text = "".join(word + gap for word, gap in words_and_gaps)
    assert fold(text) == " ".join(word.lower() for word, _ in words_and_gaps)


@PROPERTIES
@given(any_text)
def test_slugs_are_lower_case_ascii_words_joined_by_single_hyphens(text):
    slug = slugify_sv(text)
    assert slug == "" or SLUG.match(slug), slug


@PROPERTIES
@given(any_text)
def test_slugs_do_not_change_when_the_name_is_folded_first(text):
    assert slugify_sv(fold(text)) == slugify_sv(text)


@PROPERTIES
@given(any_text)
def test_a_slug_is_its_own_slug(text):
    slug = slugify_sv(text)
    assert slugify_sv(slug) == slug


@PROPERTIES
@given(swedish_text)
def test_swedish_letters_lose_their_dots_and_rings_but_no_word_is_lost(text):
    slug = slugify_sv(text)
    plain = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    assert slug == "-".join(re.findall(r"[a-z0-9]+", plain))
