"""`krokarm route --jsonl`: one JSON line in, one JSON line out, best first."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def route(lines: str, monkeypatch) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    call_command("route", "--jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_question_gets_its_id_back_with_five_ranked_results(monkeypatch):
    questions = [
        {"id": "1", "q": "Jag vill starta en yrkeshögskoleutbildning", "region": None, "asker": "utbildningsanordnare"},
        {"id": "2", "q": "arbetstillstånd för en kock från Thailand", "region": "12", "asker": "arbetsgivare"},
    ]
    lines = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)
    answers = route(lines, monkeypatch)
    assert [a["id"] for a in answers] == ["1", "2"]
    assert answers[0]["results"][0]["actor"]["slug"] == "myh"
    assert answers[1]["results"][0]["actor"]["slug"] == "migrationsverket"
    for answer in answers:
        scores = [r["score"] for r in answer["results"]]
        assert len(scores) == 5 and scores == sorted(scores, reverse=True)
        assert set(answer["results"][0]) >= {"actor", "score", "responsibility", "reason"}
        assert set(answer["results"][0]["actor"]) == {
            "slug",
            "name",
            "short_name",
            "kind",
            "region_code",
            "summary_en",
            "english_url",
        }


def test_a_line_that_is_not_a_question_stops_with_its_line_number(monkeypatch):
    with pytest.raises(CommandError, match="line 2"):
        route('{"id": 1, "q": "komvux"}\n[1, 2]\n', monkeypatch)


def test_each_answer_is_in_its_questions_language_unless_the_line_asks_for_one(monkeypatch):
    questions = [
        {"id": "sv", "q": "Hur söker jag arbetstillstånd för en kock?"},
        {"id": "en", "q": "How do I apply for a work permit for a chef?"},
        {"id": "sv-asked-en", "q": "Hur söker jag arbetstillstånd för en kock?", "lang": "en"},
    ]
    answers = {a["id"]: a for a in route("".join(json.dumps(q) + "\n" for q in questions), monkeypatch)}
    assert [answers[i]["language"] for i in ("sv", "en", "sv-asked-en")] == ["sv", "en", "en"]
    reason_sv = answers["sv"]["results"][0]["reason"]
    reason_en = answers["sv-asked-en"]["results"][0]["reason"]
    assert reason_sv.startswith("Ämne:") and reason_en.startswith("Topic:")
    assert answers["en"]["results"][0]["reason"].startswith("Topic:")
