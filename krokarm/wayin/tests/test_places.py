"""Recognising counties and municipalities in questions, in the forms people write them."""

import csv

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from krokarm.wayin.places import Places

PLACES = Places.from_csv(settings.DATA_DIR)


@pytest.fixture(scope="module")
def places():
    return PLACES


def municipality(places, text):
    place = places.find(text)
    return place.municipality_name if place else None


def county(places, text):
    place = places.find(text)
    return (place.county_code, place.municipality_code) if place else None


def test_every_municipality_is_found_after_i(places):
    with (settings.DATA_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 290
    for row in rows:
        place = places.find(f"Jag bor i {row['name']} och undrar över komvux.")
        assert place is not None, row["name"]
        assert (place.municipality_code, place.county_code) == (row["kommunkod"], row["lanskod"]), row["name"]


def test_every_county_is_found_by_its_name(places):
    with (settings.DATA_DIR / "counties.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        place = places.find(f"Kompetensbehoven i {row['name']}")
        assert place is not None, row["name"]
        assert place.county_code == row["code"], row["name"]
        assert place.municipality_code is None, row["name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sfi i Skellefteå", "Skellefteå"),
        ("Skellefteås näringsliv växer", "Skellefteå"),
        ("Skellefteå kommun", "Skellefteå"),
        ("Göteborgs stad har komvux", "Göteborg"),
        ("Malmö stad", "Malmö"),
        ("jag bor i goteborg", "Göteborg"),
        ("I live in Gothenburg", "Göteborg"),
        ("sfi i Upplands Väsby", "Upplands Väsby"),
        ("Min mamma bor i Malung", "Malung-Sälen"),
        ("Jag bor i Visby", "Gotland"),
        ("komvux i Håbo", "Håbo"),
        ("Bor i Habo utanför Jönköping", "Habo"),
        ("vill plugga som vuxen, bor i sthlm", "Stockholm"),
        ("komvux i gbg", "Göteborg"),
        ("Bor i Jkpg", "Jönköping"),
        ("ett IT-bolag i Lkpg", "Linköping"),
    ],
)
def test_municipalities_are_found_in_any_form(places, text, name):
    assert municipality(places, text) == name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vi är ett företag i Norrbottens län", "25"),
        ("företag i norrbotten", "25"),
        ("Norrbottens kompetensbehov", "25"),
        ("Västra Götaland", "14"),
        ("Västra Götalandsregionen", "14"),
        ("vi i VG", "14"),
        ("Region Jönköpings län", "06"),
        ("Uppsala län", "03"),
        ("Länsstyrelsen i Kalmar", "08"),
        ("Region Gotland", "09"),
        ("Sörmland", "04"),
        ("Var hittar jag Sörmlandsstrategin?", "04"),
        ("Dalastrategin ses över", "20"),
        ("i Stockholmsregionen", "01"),
        ("Jämtland Härjedalen", "23"),
        ("Vem ansvarar för kompetensförsörjningen i Skaraborg?", "14"),
        ("kommunerna i Fyrbodal", "14"),
    ],
)
def test_counties_are_found_in_any_form(places, text, code):
    assert county(places, text) == (code, None)


def test_a_municipality_named_like_its_county_is_the_municipality_unless_the_county_is_meant(places):
    assert county(places, "Jag bor i Uppsala") == ("03", "0380")
    assert county(places, "Jag bor i Uppsala län") == ("03", None)


@pytest.mark.parametrize(
    "text",
    [
        "Det kan vara bra att veta",
        "Vi bygger på mark som kommunen äger",
        "Lund",  # a name alone at the start of a sentence could be anything
        "Kan jag få ett intyg?",
        "",
    ],
)
def test_names_that_are_ordinary_words_need_a_sign_that_they_are_places(places, text):
    assert places.find(text) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jag bor i Vara", "Vara"),
        ("Mark kommun", "Mark"),
        ("Vi har ett kontor i Boden", "Boden"),
        ("jag pluggar i lund", "Lund"),
        ("Finns sfi i Ale?", "Ale"),
    ],
)
def test_ordinary_word_names_count_with_a_preposition_capital_or_kommun(places, text, name):
    assert municipality(places, text) == name


def test_a_municipality_in_a_named_county_wins_over_one_elsewhere(places):
    assert municipality(places, "Vi har kontor i Borås och Umeå, men frågan gäller Västerbottens län") == "Umeå"


def test_a_place_remembers_how_it_was_written(places):
    place = places.find("Vi är ett åkeri i Skellefteås industriområde")
    assert place.text == "Skellefteås"
    assert place.source == "text"


def test_codes_resolve_to_a_county_or_a_municipality(places):
    assert places.resolve("25").county_name == "Norrbottens län"
    kiruna = places.resolve("2584")
    assert (kiruna.municipality_name, kiruna.county_code, kiruna.source) == ("Kiruna", "25", "form")
    assert places.resolve("99") is None


@hypothesis_settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=120))
def test_any_text_gives_no_place_or_a_real_one(text):
    place = PLACES.find(text)
    assert place is None or PLACES.county(place.county_code) is not None
