"""Reading data/strategies/*.yaml: the real files load, and every problem names the file and region."""

import contextlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from krokarm.strategies.reference_data import Known, ReferenceDataError, load

KNOWN = Known(
    regions=frozenset({"region-a", "region-b"}),
    actors=frozenset({"region-a", "region-b", "myh"}),
    areas=frozenset({"kompetensforsorjning"}),
    themes=frozenset({"kompetensforsorjning", "regional-utvecklingsstrategi"}),
)
VALID: dict[str, Any] = {
    "region": "region-a",
    "checked_on": "2026-11-27",
    "strategy": {
        "slug": "rus-a",
        "name": "RUS A",
        "adopted_on": "2021-10-06",
        "source_url": "https://example.se/rus",
        "priorities": [{"title": "Kompetens", "areas": ["kompetensforsorjning"]}],
    },
    "process": {
        "title": "Revidering",
        "status": "revidering",
        "source_url": "https://example.se/process",
        "phases": [
            {
                "kind": "remiss",
                "ends_on": "2025-03-31",
                "entry_points": [
                    {
                        "kind": "remissvar",
                        "title": "Remiss",
                        "description": "Svara på remissen.",
                        "closes_on": "2025-03-31",
                        "invited": ["myh"],
                        "themes": ["regional-utvecklingsstrategi"],
                    }
                ],
            }
        ],
    },
}


def write(folder: Path, document: Any, name: str = "region-a.yaml") -> Path:
    text = document if isinstance(document, str) else yaml.safe_dump(document, allow_unicode=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_real_files_describe_all_21_regions_once():
    from krokarm.actors import reference_data

    dataset = reference_data.load(settings.DATA_DIR)
    rows = load(settings.DATA_DIR / "strategies", Known.from_dataset(dataset))
    assert len({row.region for row in rows}) == 21
    assert all(row.strategy.source_url.startswith("http") for row in rows)
    assert all(row.process and row.process.phases for row in rows)


def test_a_valid_file_loads_with_defaults(tmp_path):
    [row] = load(write(tmp_path, VALID), KNOWN)
    assert row.strategy.decision_body == "Regionfullmäktige"
    entry = row.process.phases[0].entry_points[0] if row.process else None
    assert entry and entry.opens_on == entry.closes_on  # only the last day was known
    assert row.strategy.priorities[0].source_url == "https://example.se/rus"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region": "region-x"}, r"region-a\.yaml \(region-x\): region-x is not a region"),
        ({"strategy": {**VALID["strategy"], "adopted_on": None}}, r"\(region-a\) strategy: give 'adopted_on'"),
        (
            {"strategy": {**VALID["strategy"], "priorities": [{"title": "X", "areas": ["mars"]}]}},
            r"priority #1: unknown national strategic area mars",
        ),
        ({"process": {**VALID["process"], "status": "klar"}}, r"process: 'status' must be one of"),
    ],
)
def test_problems_name_the_file_and_region(tmp_path, change, message):
    with pytest.raises(ReferenceDataError, match=message):
        load(write(tmp_path, {**VALID, **change}), KNOWN)


def test_one_region_in_two_files_is_refused(tmp_path):
    write(tmp_path, VALID)
    write(tmp_path, {**VALID, "strategy": {**VALID["strategy"], "slug": "other"}}, "copy.yaml")
    with pytest.raises(ReferenceDataError, match="already described"):
        load(tmp_path, KNOWN)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
FIELDS = [
    ("strategy", "adopted_on"),
    ("strategy", "slug"),
    ("strategy", "priorities"),
    ("strategy", "source_url"),
    ("process", "phases"),
    ("process", "status"),
    (None, "strategy"),
    (None, "process"),
    (None, "region"),
]


@hypothesis_settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
@given(field=st.sampled_from(FIELDS), value=values)
def test_any_value_in_any_field_is_loaded_or_refused_as_reference_data(tmp_path_factory, field, value):
    document = yaml.safe_load(yaml.safe_dump(VALID))
    section, key = field
    (document[section] if section else document)[key] = value
    folder = tmp_path_factory.mktemp("strategies")
    with contextlib.suppress(ReferenceDataError):
        load(write(folder, document), KNOWN)


@hypothesis_settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=200))
def test_any_file_content_is_loaded_or_refused_as_reference_data(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("strategies")
    with contextlib.suppress(ReferenceDataError):
        load(write(folder, text), KNOWN)
