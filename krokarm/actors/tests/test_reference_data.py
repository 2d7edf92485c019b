"""Reading the reference data files: the real files are valid, broken files say what is wrong."""

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


def test_the_real_files_hold_every_region_county_and_municipality():
    dataset = reference_data.load(settings.DATA_DIR)
    kinds = [a.kind for a in dataset.actors]
    assert len(dataset.counties) == 21
    assert kinds.count("region") == 21
    assert kinds.count("county_board") == 21
    assert kinds.count("municipality") == 290
    assert kinds.count("agency") >= 30


# The agencies that shared/data/agencies.csv lists (Folkbildningsrådet is an association, not an agency).
AGENCIES = [
    "arbetsformedlingen",
    "myh",
    "skolverket",
    "uhr",
    "uka",
    "csn",
    "esf-radet",
    "tillvaxtverket",
    "migrationsverket",
    "scb",
    "tillvaxtanalys",
    "vinnova",
    "forsakringskassan",
    "socialstyrelsen",
    "elsakerhetsverket",
    "transportstyrelsen",
    "boverket",
    "trafikverket",
    "energimyndigheten",
    "naturvardsverket",
    "pts",
    "digg",
    "jamstalldhetsmyndigheten",
    "mucf",
    "sametinget",
    "skogsstyrelsen",
    "slu",
    "trafikanalys",
    "kulturanalys",
    "jordbruksverket",
    "bolagsverket",
    "skatteverket",
]


def test_every_agency_in_the_shared_list_is_in_the_directory():
    agencies = {a.slug for a in reference_data.load(settings.DATA_DIR).actors if a.kind == "agency"}
    assert set(AGENCIES) - agencies == set()


def test_every_agency_has_a_sourced_responsibility():
    for actor in reference_data.load(settings.DATA_DIR).actors:
        if actor.kind == "agency":
            assert actor.responsibilities, actor.slug
            assert all(r.source_url.startswith("http") for r in actor.responsibilities), actor.slug


def test_every_skills_supply_topic_has_someone_responsible():
    dataset = reference_data.load(settings.DATA_DIR)
    topics = {t.slug for t in dataset.themes if t.parent == "kompetensforsorjning"}
    covered = {r.topic for a in dataset.actors for r in a.responsibilities}
    assert len(topics) >= 12
    assert topics - covered == set()


def test_an_unknown_role_is_reported_with_the_file_and_actor(data_dir: Path):
    path = data_dir / "actors" / "networks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: bidrar", "role: styr", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"networks\.yaml.*role must be one of"):
        reference_data.load(data_dir)


def test_a_reference_to_a_missing_topic_is_reported(data_dir: Path):
    path = data_dir / "actors" / "organisations.yaml"
    text = path.read_text(encoding="utf-8").replace("topic: omstallningsstod", "topic: finns-inte", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unknown topic finns-inte"):
        reference_data.load(data_dir)


def test_broken_yaml_is_reported_as_such(data_dir: Path):
    (data_dir / "themes.yaml").write_text("- slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"themes\.yaml: not valid YAML"):
        reference_data.load(data_dir)


def test_a_municipality_code_outside_its_county_is_rejected(data_dir: Path):
    path = data_dir / "municipalities.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("0114,Upplands Väsby,01", "0114,Upplands Väsby,03"), encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match="line 2: kommunkod"):
        reference_data.load(data_dir)


def test_municipalities_whose_names_fold_alike_keep_apart_by_code():
    slugs = {a.code: a.slug for a in reference_data.load(settings.DATA_DIR).actors if a.kind == "municipality"}
    assert slugs["0305"] == "habo-kommun-0305"  # Håbo
    assert slugs["0643"] == "habo-kommun-0643"  # Habo
    assert slugs["0180"] == "stockholm-kommun"
    assert len(set(slugs.values())) == 290
