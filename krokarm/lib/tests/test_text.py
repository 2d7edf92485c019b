from krokarm.lib.text import fold, slugify_sv


def test_folding_matches_swedish_letters_regardless_of_case():
    assert fold("ÖSTERSUND") == fold("östersund") == "östersund"


def test_folding_keeps_a_ring_and_a_umlaut_apart():
    assert len({fold("Å"), fold("Ä"), fold("A")}) == 3


def test_folding_collapses_white_space():
    assert fold("  Region \n Skåne\t") == "region skåne"


def test_folding_treats_decomposed_and_composed_letters_alike():
    assert fold("o\u0308rebro") == fold("örebro")


def test_slugs_are_ascii_and_readable():
    assert slugify_sv("Region Jönköpings län") == "region-jonkopings-lan"
    assert slugify_sv("Malung-Sälen") == "malung-salen"
