"""`krokarm eval-routing`: the engine's hit rates next to a BM25 baseline on a labelled set."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from krokarm.wayin import catalogue

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"id": "a", "q": "Hur söker jag omställningsstudiestöd?", "region": None, "asker": "individ", "expected": ["csn"]},
    {"id": "b", "q": "sfi i Kiruna", "region": None, "asker": None, "expected": ["kiruna-kommun"]},
    {
        "id": "c",
        "q": "Vem beslutar om arbetstillstånd?",
        "region": None,
        "asker": None,
        "expected": ["ingen-sadan-aktor"],
    },
]


@pytest.fixture(autouse=True)
def fresh_cache():
    catalogue.clear_cache()
    yield
    catalogue.clear_cache()


def write(tmp_path, rows):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def run(*args):
    out = StringIO()
    call_command("eval-routing", *map(str, args), stdout=out)
    return out.getvalue()


def test_it_prints_hit_rates_for_the_engine_and_the_baseline_and_the_routing_time(tmp_path):
    output = run(write(tmp_path, QUESTIONS))
    engine = next(line for line in output.splitlines() if line.startswith("engine"))
    assert engine.split()[1:] == ["0.667", "0.667", "0.667"]  # two of three right at rank 1
    assert any(line.startswith("BM25 baseline") for line in output.splitlines())
    assert "p95" in output
    assert "(3 questions)" in output


def test_misses_are_listed_under_the_actor_that_should_have_been_found(tmp_path):
    output = run(write(tmp_path, QUESTIONS))
    assert "  ingen-sadan-aktor" in output
    assert "c expected ingen-sadan-aktor (not found); got migrationsverket" in output
    assert "Targets not met." in output


def test_check_fails_when_a_target_is_missed(tmp_path):
    with pytest.raises(CommandError, match="misses its targets"):
        run(write(tmp_path, QUESTIONS), "--check")


def test_a_line_that_is_not_a_question_is_refused_with_its_line_number(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "q": "x", "expected": ["csn"]}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.jsonl:2"):
        run(path)


def test_an_unknown_asker_is_refused(tmp_path):
    with pytest.raises(CommandError, match="unknown asker"):
        run(write(tmp_path, [{**QUESTIONS[0], "asker": "kung"}]))


def test_the_development_set_meets_the_targets():
    """The targets of the way-in issue: hit@1 ≥ 0.90 and hit@3 ≥ 0.97 on data/wayin/devset.jsonl."""
    path = settings.DATA_DIR / "wayin" / "devset.jsonl"
    assert path.exists(), "the development set ships in the repository"
    output = run(path, "--check")
    assert "Targets met." in output


def test_the_held_out_set_meets_the_targets_too():
    """data/wayin/holdout.jsonl: questions written before the engine was tuned on them, as new users ask.
    It guards against fitting the development set; a regression here means the engine learnt the set."""
    output = run(settings.DATA_DIR / "wayin" / "holdout.jsonl", "--check")
    assert "Targets met." in output


def test_several_sets_are_scored_in_one_table_without_their_questions(tmp_path):
    first = write(tmp_path, QUESTIONS)
    second = tmp_path / "other.jsonl"
    second.write_text(json.dumps(QUESTIONS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    output = run(first, second)
    rows = {line.split()[0]: line.split()[1:] for line in output.splitlines() if line.startswith(("set ", "other "))}
    assert rows["set"][:2] == ["3", "0.667"] and rows["other"][:2] == ["1", "1.000"]
    assert "target on a blind set" in output and "0.92" in output and "0.98" in output
    assert "Routing time per question, all sets" in output
    for question in QUESTIONS:  # a blind set scored this way shows nothing to tune on
        assert question["q"] not in output
    assert "ingen-sadan-aktor" not in output and "Misses" not in output


def test_a_broken_file_among_several_is_refused_before_any_is_scored(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.jsonl:1"):
        run(write(tmp_path, QUESTIONS), broken)
