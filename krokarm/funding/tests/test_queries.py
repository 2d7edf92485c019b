"""Which programmes a county has and which can finance a challenge (with a stand-in for the Challenge model)."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template

from krokarm.funding import queries
from krokarm.funding.models import Programme
from krokarm.funding.tests.factories import FakeChallenge, make_programme, make_theme
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db


def slugs(matches: list[queries.ChallengeMatch]) -> set[str]:
    return {m.programme.slug for m in matches}


def test_a_county_has_its_regional_area_the_national_programmes_and_its_esf_region():
    found = {p.slug for p in queries.programmes_for_county(County.objects.get(slug="gotlands-lan"))}
    assert {
        "regionalfonden-smaland-och-oarna",
        "regionalfonden-nationellt",
        "esf-plus",
        "esf-plus-smaland-och-oarna",
        "fonden-for-en-rattvis-omstallning",
        "interreg-central-baltic",
    } <= found
    assert "regionalfonden-stockholm" not in found
    assert "esf-plus-a" not in found  # the areas are listed on ESF+'s own page


def test_a_county_without_the_just_transition_fund_does_not_get_it():
    found = {p.slug for p in queries.programmes_for_county(County.objects.get(slug="skane-lan"))}
    assert "fonden-for-en-rattvis-omstallning" not in found
    assert "regionalfonden-skane-blekinge" in found


def test_a_general_challenge_matches_every_programme_with_a_shared_theme_anywhere():
    theme = make_theme()
    north = make_programme(themes=[theme.slug], counties=["norrbottens-lan"])
    south = make_programme(themes=[theme.slug], counties=["skane-lan"])
    make_programme(themes=["samiska-fragor"], counties=["skane-lan"])
    matches = queries.programmes_for_challenge(FakeChallenge([theme.slug]))
    assert slugs(matches) == {north.slug, south.slug}
    assert all(m.themes == [theme] and m.counties == [] for m in matches)


def test_a_place_based_challenge_matches_only_programmes_covering_its_regions_counties():
    theme = make_theme()
    north = make_programme(themes=[theme.slug], counties=["norrbottens-lan", "vasterbottens-lan"])
    make_programme(themes=[theme.slug], counties=["skane-lan"])
    challenge = FakeChallenge([theme.slug], kind="platsbaserad", region_slugs=["region-norrbotten", "region-gotland"])
    matches = queries.programmes_for_challenge(challenge)
    assert slugs(matches) == {north.slug}
    assert [c.slug for c in matches[0].counties] == ["norrbottens-lan"]


def test_a_place_based_challenge_finds_the_just_transition_fund_for_gotland_but_not_for_skane():
    gotland = FakeChallenge(["klimat-energi-och-miljo"], kind="platsbaserad", region_slugs=["region-gotland"])
    skane = FakeChallenge(["klimat-energi-och-miljo"], kind="platsbaserad", region_slugs=["region-skane"])
    assert "fonden-for-en-rattvis-omstallning" in slugs(queries.programmes_for_challenge(gotland))
    assert "fonden-for-en-rattvis-omstallning" not in slugs(queries.programmes_for_challenge(skane))
    assert "regionalfonden-skane-blekinge" in slugs(queries.programmes_for_challenge(skane))


def test_a_topic_matches_a_programme_tagged_with_its_strategic_area():
    topic = make_theme(parent="kompetensforsorjning")
    area_programme = make_programme(themes=["kompetensforsorjning"], counties=["stockholms-lan"])
    matches = {m.programme.slug: m for m in queries.programmes_for_challenge(FakeChallenge([topic.slug]))}
    assert area_programme.slug in matches
    assert matches[area_programme.slug].themes == [topic]
    assert "esf-plus-a" in matches  # ESF+ area A is tagged with the whole strategic area


def test_a_strategic_area_matches_a_programme_tagged_with_one_of_its_topics():
    area = make_theme()
    topic = make_theme(parent=area.slug)
    tagged = make_programme(themes=[topic.slug], counties=["stockholms-lan"])
    assert slugs(queries.programmes_for_challenge(FakeChallenge([area.slug]))) == {tagged.slug}


def test_a_challenge_without_themes_or_with_no_regions_matches_nothing():
    assert queries.programmes_for_challenge(FakeChallenge([])) == []
    place_based = FakeChallenge(["klimat-energi-och-miljo"], kind="platsbaserad", region_slugs=[])
    assert queries.programmes_for_challenge(place_based) == []


def test_regional_plans_are_not_offered_to_a_challenge():
    found = slugs(queries.programmes_for_challenge(FakeChallenge(["eu-finansiering-kompetens"])))
    assert "esf-plus" in found
    assert "esf-plus-a" in found
    assert not Programme.objects.filter(slug__in=found, part=Programme.Part.REGIONAL_PLAN).exists()


def render(source: str, **context: Any) -> str:
    return Template("{% load funding %}" + source).render(Context(context))


def test_the_challenge_tag_lists_the_programmes_with_why_they_match():
    theme = make_theme()
    programme = make_programme(themes=[theme.slug], counties=["gotlands-lan"])
    html = render(
        "{% programmes_for_challenge challenge %}",
        challenge=FakeChallenge([theme.slug], kind="platsbaserad", region_slugs=["region-gotland"]),
    )
    assert programme.get_absolute_url() in html
    assert theme.name in html and "Gotlands län" in html


def test_the_challenge_tag_says_so_when_nothing_matches():
    html = render("{% programmes_for_challenge challenge %}", challenge=FakeChallenge([make_theme().slug]))
    assert "Vi hittar inget EU-program" in html


def test_the_county_tag_links_the_programmes_and_the_filtered_list():
    html = render("{% programmes_for_county county %}", county=County.objects.get(slug="norrbottens-lan"))
    assert "/finansiering/regionalfonden-ovre-norrland/" in html
    assert "/finansiering/?lan=norrbottens-lan" in html


def test_the_seeded_place_based_challenge_in_the_north_gets_the_northern_programmes(
    django_assert_max_num_queries: Any,
) -> None:
    from krokarm.challenges.models import Challenge

    challenge = Challenge.objects.get(slug="kompetensforsorjning-for-industrietableringarna-i-norr")
    assert challenge.kind == "platsbaserad"
    # themes, approaches, counties, programmes with their themes, counties and reach
    with django_assert_max_num_queries(8):
        found = slugs(queries.programmes_for_challenge(challenge))
    assert {"regionalfonden-ovre-norrland", "fonden-for-en-rattvis-omstallning", "esf-plus-d"} <= found
    assert "regionalfonden-skane-blekinge" not in found
    assert "regionalfonden-stockholm" not in found
