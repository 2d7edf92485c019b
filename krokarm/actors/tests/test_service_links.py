"""Every service in data/actors says whom it is for and links its own page, not its organisation's home page
(GitHub issue 16, point 4): the way in offers services as next steps under their own names."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from krokarm.actors import reference_data
from krokarm.actors.reference_data import ReferenceDataError


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, target)
    return target


def edit(data_dir: Path, file: str, old: str, new: str) -> None:
    path = data_dir / "actors" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_service_says_whom_it_is_for_and_links_its_own_page_or_none():
    problems = reference_data.service_link_problems(reference_data.load(settings.DATA_DIR))
    assert problems == [], "\n".join(problems)


def test_a_home_page_standing_in_for_a_service_page_is_reported_with_its_file(data_dir: Path):
    edit(
        data_dir,
        "agencies-kompetens.yaml",
        "url: https://arbetsformedlingen.se/platsbanken\n",
        "url: https://www.arbetsformedlingen.se\n",
    )
    problems = reference_data.service_link_problems(reference_data.load(data_dir))
    assert len(problems) == 1
    assert problems[0].startswith(
        "actors/agencies-kompetens.yaml: service Platsbanken: url https://www.arbetsformedlingen.se"
    )
    assert "home page" in problems[0]


def test_a_home_page_with_a_trailing_slash_is_a_home_page_too(data_dir: Path):
    edit(
        data_dir,
        "organisations.yaml",
        "url: https://www.omstallningsfonden.se/arbeta-med-omstallning/forebyggande-insatser/ansokan-steg-for-steg/\n",
        "url: https://www.omstallningsfonden.se/\n",
    )
    problems = reference_data.service_link_problems(reference_data.load(data_dir))
    assert [p.split(": url")[0] for p in problems] == [
        "actors/organisations.yaml: service Medel för förebyggande kompetensutveckling"
    ]


def test_a_site_that_is_the_service_itself_may_be_a_bare_address_when_marked(data_dir: Path):
    dataset = reference_data.load(data_dir)
    studera = next(s for a in dataset.actors if a.slug == "uhr" for s in a.services if s.name == "studera.nu")
    assert (studera.url, studera.url_is_site) == ("https://www.studera.nu", True)
    edit(
        data_dir,
        "agencies-kompetens.yaml",
        "url: https://www.studera.nu\n        url_is_site: true\n",
        "url: https://www.studera.nu\n",
    )
    problems = reference_data.service_link_problems(reference_data.load(data_dir))
    assert [p.split(": url")[0] for p in problems] == ["actors/agencies-kompetens.yaml: service studera.nu"]


def test_a_service_that_does_not_say_whom_it_is_for_is_reported(data_dir: Path):
    edit(
        data_dir,
        "agencies-kompetens.yaml",
        "        topic: rekrytering-och-matchning\n        target_groups: [arbetsgivare, individer]\n",
        "        topic: rekrytering-och-matchning\n",
    )
    problems = reference_data.service_link_problems(reference_data.load(data_dir))
    assert problems == ["actors/agencies-kompetens.yaml: service Platsbanken: no target_groups (whom is it for?)"]


def test_a_common_service_of_every_municipality_is_reported_once(data_dir: Path):
    edit(
        data_dir,
        "municipalities.yaml",
        "  - name: Studie- och yrkesvägledning\n",
        "  - name: Studie- och yrkesvägledning\n    url: https://www.example.se/\n",
    )
    problems = reference_data.service_link_problems(reference_data.load(data_dir))
    assert len(problems) == 1
    assert "service Studie- och yrkesvägledning: url https://www.example.se/" in problems[0]


def test_the_mark_must_be_true_or_false(data_dir: Path):
    edit(
        data_dir,
        "agencies-kompetens.yaml",
        "        url_is_site: true\n        topic: hogre",
        "        url_is_site: ja\n        topic: hogre",
    )
    with pytest.raises(ReferenceDataError, match="url_is_site must be true or false"):
        reference_data.load(data_dir)


def test_the_state_grant_for_regional_adult_vocational_education_is_not_offered_to_individuals():
    """Skolverket's grant page for regionalt yrkesvux is written for the municipalities that apply (with their
    education providers), so the way in must not offer it to a person asking where to study."""
    dataset = reference_data.load(settings.DATA_DIR)
    grant = next(s for a in dataset.actors for s in a.services if s.name == "Statsbidrag för regionalt yrkesvux")
    assert grant.target_groups
    assert set(grant.target_groups) <= {"kommuner", "regioner", "utbildningsanordnare"}


def test_no_service_for_individuals_links_to_a_state_grant_page():
    """A grant page (statsbidrag) is written for those who apply for the grant, never for a person looking for
    an education: the municipalities' service Regionalt yrkesvux (the education) has no page of its own in our
    data, so it must not borrow Skolverket's page on the grant."""
    dataset = reference_data.load(settings.DATA_DIR)
    borrowed = {
        (a.file, s.name, s.url)
        for a in dataset.actors
        for s in a.services
        if "individer" in s.target_groups and "statsbidrag" in s.url.lower()
    }
    assert borrowed == set()
