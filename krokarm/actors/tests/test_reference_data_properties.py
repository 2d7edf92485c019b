"""Properties of reading the reference data: whatever a data file holds, the loader answers with rows or
with a ReferenceDataError that names the problem, never with another exception.

Each example starts from a minimal valid data folder, changes one file and loads it.
"""

import copy
import csv
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from krokarm.actors import reference_data
from krokarm.actors.reference_data import KINDS, ROLES, Dataset, ReferenceDataError

PROPERTIES = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

COUNTIES = [
    ["code", "letter", "name", "slug", "seat", "erdf_programme_area"],
    ["01", "AB", "Stockholms län", "stockholms-lan", "Stockholm", "Stockholm"],
    ["12", "M", "Skåne län", "skane-lan", "Malmö", "Skåne-Blekinge"],
]
MUNICIPALITIES = [
    ["kommunkod", "name", "lanskod", "county"],
    ["0114", "Upplands Väsby", "01", "Stockholms län"],
    ["1280", "Malmö", "12", "Skåne län"],
]
THEMES: list[Any] = [
    {"slug": "kompetensforsorjning", "name": "Kompetensförsörjning", "kind": "strategic_area", "order": 100},
    {"slug": "validering", "name": "Validering", "kind": "topic", "parent": "kompetensforsorjning", "order": 110},
    {"slug": "vuxenutbildning", "name": "Vuxenutbildning", "kind": "topic", "parent": "kompetensforsorjning"},
]
TARGET_GROUPS: list[Any] = [
    {"slug": "individer", "name": "Individer", "description": "Privatpersoner."},
    {"slug": "arbetsgivare", "name": "Arbetsgivare"},
]
RESPONSIBILITY = {
    "topic": "validering",
    "role": "leder",
    "target_groups": ["individer"],
    "description": "Samordnar valideringen.",
    "source_url": "https://example.se/validering",
    "questions": ["Vem validerar?"],
}
ACTOR_FILES: dict[str, Any] = {
    "ministries.yaml": {
        "kind": "ministry",
        "checked_on": "2026-11-27",
        "actors": [{"slug": "utbildningsdepartementet", "name": "Utbildningsdepartementet"}],
    },
    "agencies.yaml": {
        "kind": "agency",
        "checked_on": "2026-11-27",
        "actors": [
            {
                "slug": "myh",
                "name": "Myndigheten för yrkeshögskolan",
                "short_name": "MYH",
                "org_number": "202100-6065",
                "ministry": "utbildningsdepartementet",
                "responsibilities": [RESPONSIBILITY],
                "services": [
                    {"name": "Valideringsdelegationen", "url": "https://example.se", "topic": "validering"},
                ],
            }
        ],
    },
    "municipalities.yaml": {
        "kind": "municipality",
        "checked_on": "2026-11-27",
        "common_responsibilities": [{**RESPONSIBILITY, "topic": "vuxenutbildning"}],
    },
    "networks.yaml": {
        "kind": "network",
        "checked_on": "2026-11-27",
        "actors": [
            {
                "slug": "valideringsnatverket",
                "name": "Valideringsnätverket",
                "members": [{"actor": "myh", "role": "samordnare"}, {"actor": "malmo-kommun"}],
                "members_all_of_kind": ["municipality"],
            }
        ],
    },
}
YAML_FILES: dict[str, Any] = {
    "themes.yaml": THEMES,
    "target_groups.yaml": TARGET_GROUPS,
    **{f"actors/{name}": document for name, document in ACTOR_FILES.items()},
}


def write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_data(
    root: Path,
    yaml_files: dict[str, Any] | None = None,
    counties: list[list[str]] | None = None,
    municipalities: list[list[str]] | None = None,
) -> Path:
    (root / "actors").mkdir()
    write_csv(root / "counties.csv", COUNTIES if counties is None else counties)
    write_csv(root / "municipalities.csv", MUNICIPALITIES if municipalities is None else municipalities)
    for name, document in (yaml_files or YAML_FILES).items():
        content = document if isinstance(document, (str, bytes)) else yaml.safe_dump(document, allow_unicode=True)
        if isinstance(content, bytes):
            (root / name).write_bytes(content)
        else:
            (root / name).write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path)


def load_changed(**changes: Any) -> Dataset:
    with tempfile.TemporaryDirectory() as folder:
        return reference_data.load(write_data(Path(folder), **changes))


def rows_or_reference_data_error(**changes: Any) -> Dataset | None:
    """Load a changed data folder; a ReferenceDataError is an answer, any other exception fails the test."""
    try:
        return load_changed(**changes)
    except ReferenceDataError as error:
        assert str(error), "a ReferenceDataError must say what is wrong"
        return None


# ----------------------------------------------------------------------------------------------- strategies

# Values that mean something to the loader, so mutations hit the validation rules as well as the types.
meaningful = st.sampled_from(
    [*ROLES, *KINDS, "styr", "strategic_area", "topic", "samordnare", "medlem", "01", "12", "99", "1",
     "kompetensforsorjning", "validering", "individer", "myh", "utbildningsdepartementet", "finns-inte", ""]
)  # fmt: skip
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    meaningful,
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from paths(child, (*prefix, key))


def is_leaf(document: Any, path: tuple[Any, ...]) -> bool:
    node = document
    for key in path:
        node = node[key]
    return not isinstance(node, (dict, list))


@st.composite
def mutated(draw: st.DrawFn, document: Any, *, leaves_only: bool) -> Any:
    """The document with one to three values replaced by any YAML value, or (structurally) removed."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        candidates = [path for path in paths(document) if path and (not leaves_only or is_leaf(document, path))]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if not leaves_only and draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(yaml_values)
    return document


@st.composite
def yaml_files_with_one_changed(draw: st.DrawFn, *, leaves_only: bool) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(YAML_FILES)))
    return {**YAML_FILES, name: draw(mutated(YAML_FILES[name], leaves_only=leaves_only))}


@st.composite
def yaml_files_with_one_replaced(draw: st.DrawFn) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(YAML_FILES)))
    content = draw(
        st.one_of(
            yaml_values,
            st.text(st.sampled_from("-:[]{}&*!|>'\"#% \n\tkind actors slug"), max_size=60),
            st.text(max_size=60),
            st.binary(max_size=30).map(lambda raw: b"kind: agency\nactors: []\n# " + raw),
        )
    )
    return {**YAML_FILES, name: content}


columns = st.sampled_from(sorted({*COUNTIES[0], *MUNICIPALITIES[0], "namn", "kod"}))


@st.composite
def csv_rows_changed(draw: st.DrawFn, rows: list[list[str]]) -> list[list[str]]:
    rows = copy.deepcopy(rows)
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["replace", "drop", "add", "drop_row"]))
        if action == "drop_row" and len(rows) > 1:
            del rows[row]
        elif action == "drop" and rows[row]:
            del rows[row][draw(st.integers(0, len(rows[row]) - 1))]
        elif action == "add":
            rows[row].append(draw(st.text(max_size=6)))
        elif rows[row]:
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(
                st.one_of(st.text(max_size=8), meaningful, columns)
            )
    return rows


# ----------------------------------------------------------------------------------------------- properties


def test_the_minimal_data_folder_loads_with_every_kind_of_row(data_dir):
    dataset = reference_data.load(data_dir)
    assert [c.code for c in dataset.counties] == ["01", "12"]
    assert {a.kind for a in dataset.actors} == {"ministry", "agency", "municipality", "network"}
    assert {a.slug for a in dataset.actors if a.kind == "municipality"} == {"upplands-vasby-kommun", "malmo-kommun"}


texts = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40).filter(str.strip)


@PROPERTIES
@given(name=texts, description=texts, questions=st.lists(texts, max_size=3))
def test_well_formed_text_loads_with_its_white_space_collapsed(name, description, questions):
    files = copy.deepcopy(YAML_FILES)
    agency = files["actors/agencies.yaml"]["actors"][0]
    agency["name"] = name
    agency["responsibilities"][0].update(description=description, questions=questions)
    dataset = load_changed(yaml_files=files)

    def as_read(text):
        return " ".join(yaml.safe_load(yaml.safe_dump(text, allow_unicode=True)).split())

    loaded = next(a for a in dataset.actors if a.slug == "myh")
    assert loaded.name == as_read(name)
    assert loaded.responsibilities[0].description == as_read(description)
    assert loaded.responsibilities[0].questions == tuple(as_read(q) for q in questions)


@PROPERTIES
@given(yaml_files_with_one_changed(leaves_only=True))
@example({**YAML_FILES, "themes.yaml": [{**THEMES[0], "order": "först"}, *THEMES[1:]]})
def test_any_value_in_any_field_is_loaded_or_refused_as_reference_data(yaml_files):
    rows_or_reference_data_error(yaml_files=yaml_files)


@PROPERTIES
@given(yaml_files_with_one_changed(leaves_only=False))
@example({**YAML_FILES, "themes.yaml": ["kompetensforsorjning"]})
def test_documents_of_any_shape_are_loaded_or_refused_as_reference_data(yaml_files):
    rows_or_reference_data_error(yaml_files=yaml_files)


@PROPERTIES
@given(yaml_files_with_one_replaced())
@example({**YAML_FILES, "themes.yaml": b"- slug: \xff\n"})
def test_any_file_content_is_loaded_or_refused_as_reference_data(yaml_files):
    rows_or_reference_data_error(yaml_files=yaml_files)


@PROPERTIES
@given(
    st.one_of(
        st.builds(dict, counties=csv_rows_changed(COUNTIES)),
        st.builds(dict, municipalities=csv_rows_changed(MUNICIPALITIES)),
    )
)
@example({"municipalities": [["kommunkod", "namn", "lanskod", "county"], *MUNICIPALITIES[1:]]})
def test_any_change_to_the_csv_files_is_loaded_or_refused_as_reference_data(changes):
    rows_or_reference_data_error(**changes)
