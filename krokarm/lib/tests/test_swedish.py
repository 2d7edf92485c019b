"""Swedish text analysis: what people write is brought to the words our texts use."""

import pytest

from krokarm.lib.swedish import (
    Analyzer,
    Fragments,
    Vocabulary,
    compound_parts,
    correct_typo,
    deaccent,
    expand_abbreviation,
    expand_colloquial,
    looks_english,
    normalize,
    parse_groups,
    split_compound,
    stem,
    stem_english,
    tokenize,
    tokens,
)

TEXTS = [
    "Arbetsförmedlingen erbjuder arbetsmarknadsutbildning för arbetssökande.",
    "CSN handlägger omställningsstudiestödet. Statens studiestöd och stöd till studier.",
    "Studie- och yrkesvägledning på komvux. Utbildning till svetsare och undersköterska.",
    "Omställning, validering och yrkeshögskolan. Legitimation för sjuksköterska.",
    "Länsstyrelsen och regionen. Folkbildningsrådet fördelar statsbidrag. Kompetens och rättvis omställning.",
    "Läs mer på studera.nu om högskolan.",
]


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.build(TEXTS, ["lastbil", "chaufför", "marknad", "arbete", "arbetslös"])


def test_normalising_folds_case_and_unifies_dashes():
    assert normalize("  Yrkes\u2013Högskola\u00a0 ") == "yrkes-högskola"
    assert normalize("ÖREBRO") == "örebro"


def test_tokens_keep_hyphenated_words_and_drop_a_genitive_after_a_colon():
    assert tokenize("MYH:s YH-utbildning i Malung-Sälen") == ["myh", "yh-utbildning", "i", "malung-sälen"]


def test_tokens_keep_web_addresses_whole():
    assert tokenize("Läs på studera.nu och verksamt.se.") == ["läs", "på", "studera.nu", "och", "verksamt.se"]


def test_tokens_know_where_they_were_written():
    token = tokens("bor i Skellefteå")[2]
    assert (token.surface, token.start, token.end, token.capitalised) == ("Skellefteå", 6, 16, True)


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["utbildning", "utbildningen", "utbildningar", "utbilda"], "utbild"),
        (["skola", "skolan"], "skol"),
        (["jobb", "jobbet", "jobben"], "job"),
        (["strategi", "strategin"], "strategi"),
        (["ansöka", "ansökan"], "ansök"),
        (["validering", "validera", "valideras"], "valider"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms, shared):
    assert {stem(form) for form in forms} == {shared}


def test_a_hyphenated_word_is_stemmed_on_its_last_part():
    assert stem("a-kassan") == stem("a-kassa") == "a-" + stem("kassa")


def test_english_words_get_english_stems():
    assert stem_english("permits") == stem_english("permit") == "permit"


def test_a_compound_is_split_into_known_words(vocabulary):
    assert split_compound("svetsarutbildning", vocabulary) == ("svetsare", "utbildning")
    assert split_compound("lastbilschaufför", vocabulary) == ("lastbil", "chaufför")


def test_the_linking_s_is_recognised(vocabulary):
    assert split_compound("omställningsstudiestöd", vocabulary) == ("omställning", "studie", "stöd")


def test_a_known_compound_is_split_down_to_its_smallest_parts(vocabulary):
    assert split_compound("arbetsmarknadsutbildning", vocabulary) == ("arbete", "marknad", "utbildning")


def test_compound_parts_include_the_compounds_inside_a_compound(vocabulary):
    assert "studiestöd" in compound_parts("omställningsstudiestöd", vocabulary)


def test_words_that_are_not_compounds_stay_whole(vocabulary):
    assert split_compound("kompetens", vocabulary) == ()
    assert split_compound("rättvis", vocabulary) == ()  # not "rät" + "vis": a cut-down part must be long
    assert split_compound("xyzzyutbildning", vocabulary) == ()


def test_a_typo_is_corrected_to_the_nearest_known_word(vocabulary):
    assert correct_typo("arbetsförmedlingn", vocabulary) == "arbetsförmedlingen"
    assert correct_typo("undersköteska", vocabulary) == "undersköterska"


def test_missing_diacritics_are_forgiven(vocabulary):
    assert correct_typo("arbetsformedlingen", vocabulary) == "arbetsförmedlingen"
    assert deaccent("Göteborg") == "Goteborg"


def test_short_and_known_words_are_never_corrected(vocabulary):
    assert correct_typo("stod", vocabulary) is None  # four letters: too many real words are one edit apart
    assert correct_typo("studier", vocabulary) is None


def test_two_edits_are_only_forgiven_when_the_first_letter_agrees(vocabulary):
    assert correct_typo("orättvist", vocabulary) is None  # a word of its own, not a typo of "rättvis"


def test_colloquial_spellings_become_standard_swedish():
    assert expand_colloquial("plugga") == "studera"
    assert expand_colloquial("jobba") == "arbeta"
    assert expand_colloquial("e") == "är"
    assert expand_colloquial("va") == "vad"


def test_abbreviations_expand_and_capitalised_keys_need_capitals():
    af, sfi = tokens("AF sfi")
    assert expand_abbreviation(af) == "arbetsförmedlingen"
    assert parse_groups(expand_abbreviation(sfi) or "") == [("svenska",), ("invandrare",)]
    upper, lower = tokens("AGE age")
    assert expand_abbreviation(upper) == "avgångsersättning"
    assert expand_abbreviation(lower) is None


def test_expansion_groups_are_separated_by_commas_and_alternatives_by_bars():
    expansion = "arbetslös|arbetssökande, jobb för vuxna"
    assert parse_groups(expansion) == [("arbetslös", "arbetssökande"), ("jobb", "vuxna")]


def test_english_is_told_from_swedish_by_its_function_words():
    assert looks_english(tokenize("How do I apply for a work permit?"))
    assert not looks_english(tokenize("Hur söker jag arbetstillstånd?"))
    assert not looks_english(tokenize("Jag vill läsa sfi i Malmö"))


def analyzer(vocabulary, **tables):
    return Analyzer(vocabulary, **tables)


def test_a_question_brings_stems_compound_parts_and_expansions(vocabulary):
    terms = analyzer(vocabulary).query_terms("Jag vill plugga till svetsare på YH")
    keys = {t.key: t for t in terms}
    assert keys["studer"].how == "colloquial"
    assert keys["yrkeshögskol"].how == "abbreviation"
    assert "jag" not in {t.source for t in terms}  # a stopword brings nothing


def test_an_unknown_compound_is_matched_through_its_parts(vocabulary):
    terms = analyzer(vocabulary).query_terms("svetsarutbildning")
    assert {t.key for t in terms if t.how == "compound"} == {stem("svetsare"), stem("utbildning")}


def test_synonyms_are_alternatives_for_the_same_word(vocabulary):
    terms = analyzer(vocabulary, synonyms={"arbetslös": "arbetssökande"}).query_terms("arbetslös")
    assert {t.key for t in terms} == {stem("arbetslös"), stem("arbetssökande")}
    assert len({t.group for t in terms}) == 1
    assert max(t.weight for t in terms if t.how == "synonym") < 1.0


def test_a_replacing_phrase_takes_the_place_of_its_words(vocabulary):
    terms = analyzer(vocabulary, synonyms={"vem driver": "=ansvarar"}).query_terms("vem driver det")
    assert [t.key for t in terms] == [stem("ansvarar")]


def test_english_phrases_are_translated(vocabulary):
    terms = analyzer(vocabulary, english={"work permit": "arbetstillstånd"}).query_terms("I need a work permit")
    assert [(t.key, t.how) for t in terms] == [(stem("arbetstillstånd"), "english")]


def test_question_words_that_fit_any_question_count_little(vocabulary):
    terms = analyzer(vocabulary).query_terms("behöver hjälp med validering")
    weights = {t.key: t.weight for t in terms}
    assert weights[stem("behöver")] < weights[stem("validering")]


def test_a_word_brought_twice_counts_once(vocabulary):
    terms = analyzer(vocabulary).query_terms("validering validering validering")
    assert len(terms) == 1


def test_a_word_the_asker_wrote_is_its_own_evidence_even_when_another_word_brought_it(vocabulary):
    table = {"sjuksköterska": "=sjuksköterska|legitimation"}
    terms = analyzer(vocabulary, synonyms=table).query_terms("sjuksköterska med legitimation")
    by_key = {t.key: t for t in terms}
    assert by_key[stem("legitimation")].how == "word"
    assert by_key[stem("legitimation")].group != by_key[stem("sjuksköterska")].group


def test_documents_are_indexed_under_their_words_and_compound_parts(vocabulary):
    counts = analyzer(vocabulary).index_terms("Omställningsstudiestödet på studera.nu")
    assert counts[stem("omställningsstudiestödet")] == 1.0
    assert counts[stem("studiestöd")] == 0.5
    assert counts["studera.nu"] == 1.0
    assert stem("på") not in counts


def test_latin_nouns_in_ens_keep_their_ending():
    assert stem("kompetens") == stem("kompetensen") == stem("kompetenser") == "kompetens"
    assert stem("statens") == stem("staten")  # a genitive is still a genitive


def test_forms_of_a_word_that_snowball_stems_apart_share_one_key():
    vocabulary = Vocabulary.build(["En kurs och flera kurser. Prognosen och prognoser."])
    assert vocabulary.key("kurs") == vocabulary.key("kurser") == vocabulary.key("kursen")
    assert vocabulary.key("prognos") == vocabulary.key("prognoser")


def test_an_unknown_form_takes_the_key_of_a_known_form():
    vocabulary = Vocabulary.build(["Arbetsförmedlingens prognoser"])
    assert vocabulary.key("prognos") == vocabulary.key("prognoser")


def test_a_word_no_analysis_splits_is_found_by_the_word_it_begins_with(vocabulary):
    pieces = Fragments(["vätgasprojekten", "hybritverket", "arbetsmarknadsutbildning"], vocabulary)
    assert pieces.containing("vätgas") == ("vätgasprojekten",)
    assert pieces.containing("hybrit") == ("hybritverket",)
    # A compound of known words is not kept: the index has it under its parts already.
    assert pieces.containing("arbetsmarknad") == ()


def test_a_word_no_analysis_splits_is_found_by_a_later_compound_part():
    vocabulary = Vocabulary.build(["projekt och verk"])
    pieces = Fragments(["vätgasprojekten", "hybritverket", "svetsaren"], vocabulary)
    assert pieces.containing("projekt") == ("vätgasprojekten",)
    assert pieces.containing("verket") == ("hybritverket",)
    assert pieces.containing("verk") == ("hybritverket",)
    # Letters inside a word are not a part of it: "etsa" is not a word "svetsaren" is made of.
    assert pieces.containing("etsa") == ()


def test_short_words_and_stopwords_are_never_looked_for_inside_other_words(vocabulary):
    pieces = Fragments(["vätgasprojekten", "ochtrasten"], vocabulary)
    assert pieces.containing("vät") == ()
    assert pieces.containing("och") == ()
    assert pieces.containing("vätgasprojekten") == ()  # the word itself is found as itself


def test_words_added_later_are_found_at_once(vocabulary):
    pieces = Fragments(["hybritverket"], vocabulary)
    assert pieces.containing("vätgas") == ()
    pieces.add(["vätgasprojekten"])
    assert pieces.containing("vätgas") == ("vätgasprojekten",)
    assert len(pieces) == 2


def test_a_question_finds_a_text_word_it_is_a_piece_of_instead_of_correcting_itself(vocabulary):
    texts = [*TEXTS, "Vätgasprojekten i Luleå och Hybritverket."]
    vocabulary = Vocabulary.build(texts)
    plain = Analyzer(vocabulary)
    pieces = Analyzer(vocabulary, fragments=Fragments(["vätgasprojekten", "hybritverket"], vocabulary))
    key = vocabulary.key("vätgasprojekten")
    assert key not in {t.key for t in plain.query_terms("vätgas")}
    found = [t for t in pieces.query_terms("vätgas") if t.key == key]
    assert [(t.how, t.weight) for t in found] == [("fragment", 0.8)]
    assert vocabulary.key("hybritverket") in {t.key for t in pieces.query_terms("Hybrit")}
