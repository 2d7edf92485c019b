"""The coordination matrix: programme × target group × theme, and per theme where individuals or companies are
not reached (the gap list)."""

from __future__ import annotations

import pytest

from krokarm.actors.models import Theme
from krokarm.funding import queries
from krokarm.funding.tests.factories import make_programme, make_theme
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db


def summary_for(matrix: queries.Matrix, theme: Theme) -> queries.ThemeSummary:
    return next(s for s in matrix.summaries if s.theme == theme)


def test_a_gap_appears_when_a_theme_lacks_company_reach_and_goes_when_a_programme_reaches_companies():
    theme = make_theme()
    individuals = make_programme(
        themes=[theme.slug], counties=["uppsala-lan"], reach={"individer": "genom_projekt", "organisationer": "direkt"}
    )
    matrix = queries.build_matrix(theme=theme)
    summary = summary_for(matrix, theme)
    assert summary.status == "no_companies"
    assert summary.individuals == [individuals] and summary.companies == []
    assert summary in matrix.gaps

    companies = make_programme(themes=[theme.slug], counties=["uppsala-lan"], reach={"foretag": "direkt"})
    matrix = queries.build_matrix(theme=theme)
    summary = summary_for(matrix, theme)
    assert summary.status == "both"
    assert summary.companies == [companies]
    assert matrix.gaps == []


def test_a_theme_with_only_company_reach_is_a_gap_for_individuals():
    theme = make_theme()
    make_programme(themes=[theme.slug], counties=["uppsala-lan"], reach={"foretag": "genom_projekt"})
    assert summary_for(queries.build_matrix(theme=theme), theme).status == "no_individuals"


def test_a_theme_no_programme_works_on_is_a_gap_for_both():
    theme = make_theme()
    matrix = queries.build_matrix(theme=theme)
    assert matrix.rows == []
    assert summary_for(matrix, theme).status == "neither"


def test_a_topic_inherits_the_programmes_of_its_strategic_area():
    area = make_theme()
    topic = make_theme(parent=area.slug)
    make_programme(themes=[area.slug], counties=["uppsala-lan"], reach={"individer": "genom_projekt"})
    make_programme(themes=[topic.slug], counties=["uppsala-lan"], reach={"foretag": "direkt"})
    matrix = queries.build_matrix(theme=area)
    assert [s.theme for s in matrix.summaries] == [area, topic]
    assert summary_for(matrix, topic).status == "both"
    assert summary_for(matrix, area).status == "both"


def test_the_county_filter_keeps_only_programmes_covering_the_county():
    matrix = queries.build_matrix(county=County.objects.get(slug="stockholms-lan"))
    found = {row.programme.slug for row in matrix.rows}
    assert "regionalfonden-stockholm" in found
    assert "regionalfonden-ovre-norrland" not in found
    assert "fonden-for-en-rattvis-omstallning" not in found


def test_the_theme_filter_keeps_only_programmes_working_on_the_theme():
    theme = Theme.objects.get(slug="samiska-fragor")
    matrix = queries.build_matrix(theme=theme)
    # Aurora is tagged with the topic; ESF+ area C with its whole strategic area (likvärdiga möjligheter).
    assert {row.programme.slug for row in matrix.rows} == {"interreg-aurora", "esf-plus-c"}
    assert [s.theme for s in matrix.summaries] == [theme]


def test_esf_plus_is_shown_through_its_programme_areas_each_with_its_own_reach():
    rows = {row.programme.slug: row for row in queries.build_matrix().rows}
    assert "esf-plus" not in rows
    assert rows["esf-plus-b"].reach["individer"] is not None
    assert rows["esf-plus-b"].reach["foretag"] is None
    assert rows["esf-plus-d"].reach["individer"] is None
    assert not any(slug.endswith("-sydsverige") for slug in rows)  # regional plans carry no reach


def test_with_the_seeded_data_every_theme_has_a_summary_and_skills_supply_reaches_both():
    matrix = queries.build_matrix()
    assert len(matrix.summaries) == Theme.objects.count()
    skills = summary_for(matrix, Theme.objects.get(slug="kompetensforsorjning"))
    assert skills.status == "both"
    assert any(p.slug == "esf-plus-a" for p in skills.individuals)
