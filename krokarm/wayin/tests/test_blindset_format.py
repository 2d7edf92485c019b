"""The blind sets of GitHub issue 17 point 2 (data/wayin/blindset.jsonl and blindset2.jsonl): their format, read
from data/ without a database.

Both sets were written without looking at the engine and must never be tuned on. These tests check only that each
line is well formed and names what data/ defines (actors, themes, counties) and what the way in accepts (askers);
they never route a question.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from krokarm.actors import reference_data
from krokarm.wayin.forms import ASKERS

WAYIN = settings.DATA_DIR / "wayin"
BLIND_SET = WAYIN / "blindset.jsonl"
BLIND_SET_2 = WAYIN / "blindset2.jsonl"
# Each blind set with the prefix of its ids, so that a line copied from one set into the other is noticed.
BLIND_SETS = [pytest.param(BLIND_SET, "bl", id="blindset"), pytest.param(BLIND_SET_2, "b2", id="blindset2")]
MINIMUM = 150
REQUIRED = ("id", "q", "region", "asker", "expected", "topic", "note", "source")
OPTIONAL = ("expected_missing",)
WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")


@dataclass(frozen=True)
class Vocabulary:
    actors: frozenset[str]
    themes: frozenset[str]
    counties: frozenset[str]
    askers: frozenset[str]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    dataset = reference_data.load(settings.DATA_DIR)
    return Vocabulary(
        actors=frozenset(actor.slug for actor in dataset.actors),
        themes=frozenset(theme.slug for theme in dataset.themes),
        counties=frozenset(county.code for county in dataset.counties),
        askers=frozenset(value for value, _label in ASKERS),
    )


def read(path: Path) -> list[Any]:
    """Each line parsed, or the text of a line that is not JSON (reported by `problems`)."""
    rows: list[Any] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            rows.append(line)
    return rows


def problems(rows: list[Any], vocabulary: Vocabulary, prefix: str = "bl") -> list[str]:
    """Every way the lines break the format, as "line N: …"; empty when all are well formed.

    `prefix` is the set's id prefix: ids must read `<prefix>-NNN`.
    """
    found: list[str] = []
    seen: set[str] = set()
    identifier = re.compile(rf"{re.escape(prefix)}-\d{{3}}")
    for number, row in enumerate(rows, start=1):
        where = f"line {number}"
        if not isinstance(row, dict):
            found.append(f"{where}: not a JSON object")
            continue
        found += [f"{where}: {problem}" for problem in _line_problems(row, seen, vocabulary, identifier)]
    return found


def _line_problems(
    row: dict[str, Any], seen: set[str], vocabulary: Vocabulary, id_pattern: re.Pattern[str]
) -> list[str]:
    found = [f"no {key!r}" for key in REQUIRED if key not in row]
    found += [f"unknown field {key!r}" for key in row if key not in REQUIRED + OPTIONAL]
    identifier = row.get("id")
    if not (isinstance(identifier, str) and id_pattern.fullmatch(identifier)):
        found.append(f"id {identifier!r} is not {id_pattern.pattern.replace(chr(92) + 'd{3}', 'NNN')}")
    elif identifier in seen:
        found.append(f"id {identifier} is used twice")
    else:
        seen.add(identifier)
    if not _text(row.get("q")):
        found.append("empty question")
    if row.get("region") is not None and row["region"] not in vocabulary.counties:
        found.append(f"region {row['region']!r} is not a county code in data/counties.csv")
    if row.get("asker") is not None and row["asker"] not in vocabulary.askers:
        found.append(f"asker {row['asker']!r} is not one the way in accepts")
    found += _expected_problems(row.get("expected"), vocabulary)
    if row.get("topic") not in vocabulary.themes:
        found.append(f"topic {row.get('topic')!r} is not a theme in data/themes.yaml")
    if not _text(row.get("note")):
        found.append("no note saying why the actor is responsible")
    if not (isinstance(row.get("source"), str) and WEB_ADDRESS.fullmatch(row["source"])):
        found.append(f"source {row.get('source')!r} is not the web address of the page paraphrased")
    missing = row.get("expected_missing")
    if "expected_missing" in row and not (isinstance(missing, list) and missing and all(map(_text, missing))):
        found.append("expected_missing must name the missing actors")
    return found


def _expected_problems(expected: Any, vocabulary: Vocabulary) -> list[str]:
    # `krokarm eval-routing` refuses a line without an expected actor, so a question whose right actor is
    # missing from data/ names the best existing one here and the missing one in expected_missing.
    if not (isinstance(expected, list) and expected and all(isinstance(slug, str) for slug in expected)):
        return ["expected must name at least one actor slug"]
    found = [f"no actor {slug!r} in data/actors" for slug in expected if slug not in vocabulary.actors]
    if len(set(expected)) != len(expected):
        found.append("an expected actor is named twice")
    return found


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


GOOD = {
    "id": "bl-001",
    "q": "sfi i kiruna",
    "region": None,
    "asker": None,
    "expected": ["kiruna-kommun"],
    "topic": "vuxenutbildning",
    "note": "Sfi är en del av komvux, som kommunen anordnar.",
    "source": "https://www.example.org/fragor",
}


@pytest.mark.parametrize(("path", "prefix"), BLIND_SETS)
def test_the_blind_set_holds_at_least_150_questions(path, prefix):
    assert len(read(path)) >= MINIMUM


@pytest.mark.parametrize(("path", "prefix"), BLIND_SETS)
def test_every_line_of_the_blind_set_is_well_formed_and_names_what_data_defines(vocabulary, path, prefix):
    assert problems(read(path), vocabulary, prefix) == []


@pytest.mark.parametrize(("path", "prefix"), BLIND_SETS)
def test_every_blind_question_names_the_public_page_it_was_paraphrased_from(path, prefix):
    sources = [row["source"] for row in read(path)]
    assert all(WEB_ADDRESS.fullmatch(source) for source in sources)
    assert not any("example" in source for source in sources)


def test_the_second_blind_set_repeats_no_question_of_the_first():
    # The second set must measure questions the first has not already shown; an exact repeat would not.
    first = {_normalised(row["q"]) for row in read(BLIND_SET)}
    assert [row["id"] for row in read(BLIND_SET_2) if _normalised(row["q"]) in first] == []


def test_a_line_with_the_other_sets_id_prefix_is_reported(vocabulary):
    assert problems([GOOD], vocabulary, "b2") == ["line 1: id 'bl-001' is not b2-NNN"]


def _normalised(question: str) -> str:
    return " ".join(question.casefold().split())


def test_a_well_formed_line_passes_the_check(vocabulary):
    assert problems([GOOD, {**GOOD, "id": "bl-002", "expected_missing": ["Kammarkollegiet"]}], vocabulary) == []


def test_the_check_reports_unknown_actors_topics_askers_and_counties(vocabulary):
    row = {
        **GOOD,
        "expected": ["kiruna-kommun", "ingen-sadan-aktor"],
        "topic": "nej",
        "asker": "turist",
        "region": "99",
    }
    assert problems([row], vocabulary) == [
        "line 1: region '99' is not a county code in data/counties.csv",
        "line 1: asker 'turist' is not one the way in accepts",
        "line 1: no actor 'ingen-sadan-aktor' in data/actors",
        "line 1: topic 'nej' is not a theme in data/themes.yaml",
    ]


def test_the_check_reports_a_repeated_id_a_missing_source_and_an_empty_expected_list(vocabulary):
    second = {key: value for key, value in GOOD.items() if key != "source"} | {"expected": []}
    assert problems([GOOD, second], vocabulary) == [
        "line 2: no 'source'",
        "line 2: id bl-001 is used twice",
        "line 2: expected must name at least one actor slug",
        "line 2: source None is not the web address of the page paraphrased",
    ]


def test_the_check_reports_a_line_that_is_not_json_and_an_unknown_field(vocabulary, tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({**GOOD, "svar": "x"}) + "\n{inte json\n", encoding="utf-8")
    assert problems(read(path), vocabulary) == ["line 1: unknown field 'svar'", "line 2: not a JSON object"]


def test_the_check_reports_an_empty_list_of_missing_actors(vocabulary):
    assert problems([{**GOOD, "expected_missing": []}], vocabulary) == [
        "line 1: expected_missing must name the missing actors"
    ]
