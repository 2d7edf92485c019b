import pytest
from django.utils import translation

from krokarm.lib.language import localized, prefers_english, question_language


@pytest.mark.parametrize(
    "question",
    [
        "How do I get my foreign nursing degree recognised in Sweden?",
        "Where can I apply for a work permit?",
        "I need help finding a job in Kiruna",
        "Who pays for training of my staff?",
        "help",
    ],
)
def test_an_english_question_reads_as_english(question):
    assert question_language(question) == "en"


@pytest.mark.parametrize(
    "question",
    [
        "Hur får jag min utländska sjuksköterskeexamen godkänd?",
        "Vart vänder jag mig för att söka jobb?",
        "komvux",
        "Vem ansvarar för kompetensförsörjning i Västerbotten?",
        "IT-jobb",
        "",
        "???",
    ],
)
def test_a_swedish_or_unclear_question_reads_as_swedish(question):
    assert question_language(question) == "sv"


def test_a_swedish_agency_named_in_an_english_question_keeps_it_english():
    assert question_language("How do I contact Försäkringskassan about my sick pay?") == "en"


def test_english_words_in_a_swedish_sentence_keep_it_swedish():
    assert question_language("Jag vill jobba med IT och söka ett job i Umeå") == "sv"


@pytest.mark.parametrize(
    ("header", "english"),
    [
        ("en-GB", True),
        ("en-US,en;q=0.9", True),
        ("en, sv;q=0.5", True),
        ("de, en;q=0.8", True),
        ("sv-SE", False),
        ("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", False),
        ("sv, en", False),
        ("en;q=0.5, sv", False),
        ("sv;q=0.1, en", False),
        ("en;q=0.8, sv;q=0.8", False),
        ("en;q=0", False),
        ("fr", False),
        ("", False),
        ("en;q=abc", False),
        (";;;,,,", False),
    ],
)
def test_a_browser_gets_english_only_when_it_prefers_english_to_swedish(header, english):
    assert prefers_english(header) is english


class _Named:
    name = "Arbetsgivare"
    name_en = "Employers"
    description = "Företag"
    description_en = ""


def test_localized_gives_the_english_field_in_english_and_the_swedish_otherwise():
    with translation.override("en"):
        assert localized(_Named(), "name") == "Employers"
    with translation.override("sv"):
        assert localized(_Named(), "name") == "Arbetsgivare"


def test_localized_falls_back_to_swedish_when_there_is_no_english_text():
    with translation.override("en"):
        assert localized(_Named(), "description") == "Företag"
