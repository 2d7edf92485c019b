"""The catalogue covers every regulated profession in data/actors/regulated_professions.yaml (GitHub issue 17,
point 1): each profession's competent authority is an actor that leads the foreign-qualifications topic and names
the profession, and every source in the list is primary."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from krokarm.actors import primary_sources, reference_data, regulated_professions
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


def test_every_professions_authority_is_an_actor_that_leads_the_topic_and_names_the_profession():
    professions = regulated_professions.load(settings.DATA_DIR)
    problems = regulated_professions.coverage_problems(professions, reference_data.load(settings.DATA_DIR))
    assert problems == [], "\n".join(problems)


def test_every_source_in_the_list_is_primary():
    policy = primary_sources.load_policy(settings.DATA_DIR)
    found = [f for f in primary_sources.urls_in(settings.DATA_DIR) if f.file == "actors/regulated_professions.yaml"]
    assert len(found) == len(regulated_professions.load(settings.DATA_DIR).professions)
    offending = primary_sources.not_primary(found, policy)
    assert not offending, "\n".join(str(f) for f in offending)


def test_the_list_names_the_licence_authorities_beyond_health_care_and_schools():
    authorities = {row.authority for row in regulated_professions.load(settings.DATA_DIR).professions}
    assert {"socialstyrelsen", "skolverket", "elsakerhetsverket", "kammarkollegiet", "advokatsamfundet"} <= authorities


def test_the_list_is_not_read_as_an_actor_file():
    slugs = [actor.slug for actor in reference_data.load(settings.DATA_DIR).actors]
    assert len(slugs) == len(set(slugs))
    assert "elsakerhetsverket" in slugs


def test_an_authority_that_is_not_an_actor_is_reported(data_dir: Path):
    edit(data_dir, "regulated_professions.yaml", "authority: advokatsamfundet", "authority: advokatbyran")
    problems = regulated_professions.coverage_problems(
        regulated_professions.load(data_dir), reference_data.load(data_dir)
    )
    assert problems == ["advokat: advokatbyran is not an actor in data/actors/"]


def test_an_authority_whose_description_does_not_name_the_profession_is_reported(data_dir: Path):
    edit(data_dir, "regulated_professions.yaml", "profession: hovslagare", "profession: hovmästare")
    problems = regulated_professions.coverage_problems(
        regulated_professions.load(data_dir), reference_data.load(data_dir)
    )
    assert problems == ["hovmästare: no 'leder' description or service of jordbruksverket on utlandsk-utbildning"]


def test_a_title_named_only_by_a_service_of_the_authority_on_the_topic_counts_and_one_on_another_topic_does_not(
    data_dir: Path,
):
    """Undersköterska is named by Socialstyrelsen's service for the protected title, not in its responsibility."""
    professions = regulated_professions.load(data_dir)
    assert regulated_professions.coverage_problems(professions, reference_data.load(data_dir)) == []
    edit(
        data_dir,
        "agencies-kompetens.yaml",
        "information-om-skyddad-yrkestitel/\n        topic: utlandsk-utbildning",
        "information-om-skyddad-yrkestitel/\n        topic: validering",
    )
    problems = regulated_professions.coverage_problems(professions, reference_data.load(data_dir))
    assert problems == ["undersköterska: no 'leder' description or service of socialstyrelsen on utlandsk-utbildning"]


def test_an_authority_that_only_informs_is_reported(data_dir: Path):
    path = data_dir / "actors" / "agencies-ovriga.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - slug: kammarkollegiet")
    block = text[start:].replace("role: leder", "role: informerar", 1)
    path.write_text(text[:start] + block, encoding="utf-8")
    problems = regulated_professions.coverage_problems(
        regulated_professions.load(data_dir), reference_data.load(data_dir)
    )
    assert "auktoriserad tolk: kammarkollegiet has no 'leder' responsibility on utlandsk-utbildning" in problems


def test_a_profession_listed_twice_is_refused_naming_it(data_dir: Path):
    path = data_dir / "actors" / "regulated_professions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - profession: Revisor\n    authority: revisorsinspektionen\n    licence: auktorisation\n"
        + "    source_url: https://www.revisorsinspektionen.se/bli-revisor/auktorisation/\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match=r"\(Revisor\): the profession is listed twice"):
        regulated_professions.load(data_dir)
