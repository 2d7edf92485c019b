"""Properties of the Swedish text analysis for any text a question can bring."""

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from krokarm.lib.swedish import (
    MIN_PART,
    Analyzer,
    Vocabulary,
    correct_typo,
    max_typo_distance,
    normalize,
    split_compound,
    stem,
    tokens,
)

PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True, database=None)

tricky = st.sampled_from("ßẞſŉǰİıﬁﬀΐΰϐϑϕϰϱϵᾀᾳΣςσ\u0301\u0308\u030a\u0327\u0345–—:'’.-")
any_text = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.characters(categories=["Mn"]), tricky), max_size=80
)
swedish_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzåäöé"), min_size=1, max_size=25)
swedish_text = st.lists(
    st.one_of(swedish_word, st.sampled_from(["och", "i", "på", "YH", "sfi", "AF", "e", "plugga", "-", ":s", "."])),
    max_size=15,
).map(" ".join)

VOCABULARY = Vocabulary.build(
    [
        "Arbetsförmedlingen erbjuder arbetsmarknadsutbildning. Omställningsstudiestöd från CSN.",
        "Studier, utbildning och stöd för svetsare, undersköterska och lärare i länet och kommunen.",
    ]
)
ANALYZER = Analyzer(VOCABULARY, synonyms={"arbetslös": "arbetssökande"}, english={"work permit": "arbetstillstånd"})


@PROPERTIES
@given(any_text)
@example("ß\u0301")
@example("ﬁ\u0308")
def test_normalising_twice_changes_nothing(text):
    assert normalize(normalize(text)) == normalize(text)


@PROPERTIES
@given(any_text)
def test_tokens_are_normalised_words_written_in_the_text(text):
    source = unicodedata.normalize("NFC", text)
    for token in tokens(text):
        assert token.text
        assert normalize(token.text) == token.text
        assert source[token.start : token.end] == token.surface


@PROPERTIES
@given(swedish_word)
def test_a_stem_is_the_beginning_of_its_word(word):
    assert word.startswith(stem(word))
    assert stem(word)


@PROPERTIES
@given(swedish_word)
def test_compound_parts_are_known_words_long_enough_to_be_words(word):
    parts = split_compound(word, VOCABULARY)
    assert len(parts) != 1
    for part in parts:
        assert len(part) >= MIN_PART
        assert VOCABULARY.known(part)


@PROPERTIES
@given(swedish_word)
def test_a_correction_is_a_known_word_within_the_allowed_distance(word):
    corrected = correct_typo(word, VOCABULARY)
    if corrected is None:
        return
    assert len(word) >= 5
    assert corrected in VOCABULARY.words
    assert not VOCABULARY.known(word)
    assert abs(len(corrected) - len(word)) <= max_typo_distance(word)


@PROPERTIES
@given(st.one_of(any_text, swedish_text))
def test_any_question_is_analysed_into_weighted_terms(text):
    for term in ANALYZER.query_terms(text):
        assert term.key
        assert 0 < term.weight <= 1
    assert all(weight > 0 for weight in ANALYZER.index_terms(text).values())


@PROPERTIES
@given(swedish_text)
def test_case_does_not_change_the_analysis_of_lower_case_words(text):
    lower = text.lower()
    assert [t.key for t in ANALYZER.query_terms(lower)] == [t.key for t in ANALYZER.query_terms(lower.capitalize())]
