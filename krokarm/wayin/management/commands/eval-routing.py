"""`krokarm eval-routing [FILE]`: how often the way in names the right actor, next to a BM25 baseline.

FILE holds JSON lines {"id", "q", "region", "asker", "expected": [actor slugs, best first; any
counts as a hit], "topic", "note"}; the default is the development set data/wayin/devset.jsonl.
Prints hit@1, hit@3 and MRR@10 for the engine and for the baseline (bm25s with Snowball
Swedish over each actor's own descriptions: name, mandate, responsibilities and services, but not
the typical questions), the engine's routing time per question, its confidence against its
hit rate, and every miss grouped by the actor that should have been found.

With several files (`krokarm eval-routing --summary data/wayin/*.jsonl`), one table with a row per set and
no questions or misses: the form the README reports, and the only way a blind set should be scored.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.lib.swedish import SWEDISH_STOPWORDS, normalize
from krokarm.wayin import catalogue
from krokarm.wayin.routing import ASKERS

_SNOWBALL = snowballstemmer.stemmer("swedish")

TARGET_HIT1 = 0.90
TARGET_HIT3 = 0.97
# Issue 17's targets on a blind set: questions written from sources the team did not write, never tuned on.
BLIND_TARGET_HIT1 = 0.92
BLIND_TARGET_HIT3 = 0.98
DEPTH = 10  # ranks looked at for MRR


@dataclass(frozen=True)
class Question:
    id: str
    q: str
    region: str | None
    asker: str | None
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    hit1: float
    hit3: float
    mrr: float


class Command(BaseCommand):
    help = "Score the way in's routing on a labelled question set, next to a BM25 baseline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="*", type=Path, default=[settings.DATA_DIR / "wayin" / "devset.jsonl"], help="JSON lines."
        )
        parser.add_argument("--check", action="store_true", help="Exit with an error when a target is missed.")
        parser.add_argument(
            "--summary", action="store_true", help="One row per set, no questions or misses (implied by several files)."
        )

    def handle(self, *args: Any, file: list[Path], check: bool, summary: bool, **options: Any) -> None:
        if summary or len(file) > 1:
            self._summary(file)
            return
        self._one(file[0], check)

    def _summary(self, files: Sequence[Path]) -> None:
        sets = [(path, read_questions(path)) for path in files]  # every file read before any is scored
        router = catalogue.get_router()
        baseline = Baseline.from_database()
        out = self.stdout.write
        out(f"{'set':22}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'MRR@10':>8}  {'BM25 hit@1':>10}{'hit@3':>8}{'MRR@10':>8}")
        slowest: list[float] = []
        for path, questions in sets:
            rankings = []
            for question in questions:
                t0 = time.perf_counter()
                answer = router.route(question.q, county_code=question.region, asker=question.asker, limit=DEPTH)
                slowest.append((time.perf_counter() - t0) * 1000)
                rankings.append([r.actor.slug or f"({r.actor.name})" for r in answer.results])
            engine = score(questions, rankings)
            base = score(questions, [baseline.rank(q.q, DEPTH) for q in questions])
            out(
                f"{path.stem:22}{len(questions):5}{engine.hit1:8.3f}{engine.hit3:8.3f}{engine.mrr:8.3f}  "
                f"{base.hit1:10.3f}{base.hit3:8.3f}{base.mrr:8.3f}"
            )
        out(f"{'target on a blind set':27}{BLIND_TARGET_HIT1:8.2f}{BLIND_TARGET_HIT3:8.2f}")
        p50, p95 = percentile(slowest, 50), percentile(slowest, 95)
        out(f"Routing time per question, all sets: p50 {p50:.2f} ms, p95 {p95:.2f} ms")

    def _one(self, file: Path, check: bool) -> None:
        questions = read_questions(file)
        started = time.perf_counter()
        router = catalogue.get_router()
        build_seconds = time.perf_counter() - started

        rankings: list[list[str]] = []
        times: list[float] = []
        confidences: list[str] = []
        for question in questions:
            t0 = time.perf_counter()
            answer = router.route(question.q, county_code=question.region, asker=question.asker, limit=DEPTH)
            times.append((time.perf_counter() - t0) * 1000)
            rankings.append([r.actor.slug or f"({r.actor.name})" for r in answer.results])
            confidences.append(answer.confidence)
        baseline = Baseline.from_database()
        baseline_rankings = [baseline.rank(q.q, DEPTH) for q in questions]

        engine, base = score(questions, rankings), score(questions, baseline_rankings)
        out = self.stdout.write
        out(f"Routing evaluation: {file} ({len(questions)} questions)\n")
        out(f"{'':16}{'hit@1':>8}{'hit@3':>8}{'MRR@10':>8}")
        out(f"{'engine':16}{engine.hit1:8.3f}{engine.hit3:8.3f}{engine.mrr:8.3f}")
        out(f"{'BM25 baseline':16}{base.hit1:8.3f}{base.hit3:8.3f}{base.mrr:8.3f}")
        out(f"{'target':16}{TARGET_HIT1:8.2f}{TARGET_HIT3:8.2f}")
        out("")
        out(
            f"Routing time per question (engine): p50 {percentile(times, 50):.2f} ms, "
            f"p95 {percentile(times, 95):.2f} ms, max {max(times, default=0):.2f} ms "
            f"(index built in {build_seconds:.2f} s)"
        )
        out("Confidence vs hit@1 (engine): " + confidence_table(questions, rankings, confidences))
        out("")
        self._misses(questions, rankings)
        met = engine.hit1 >= TARGET_HIT1 and engine.hit3 >= TARGET_HIT3
        out(self.style.SUCCESS("Targets met.") if met else self.style.WARNING("Targets not met."))
        if check and not met:
            raise CommandError("The routing misses its targets on this set.")

    def _misses(self, questions: Sequence[Question], rankings: Sequence[list[str]]) -> None:
        out = self.stdout.write
        by_actor: dict[str, list[tuple[Question, list[str], int]]] = defaultdict(list)
        count: dict[str, int] = defaultdict(int)
        for question, ranking in zip(questions, rankings, strict=True):
            count[question.expected[0]] += 1
            rank = first_hit(question, ranking)
            if rank != 1:
                by_actor[question.expected[0]].append((question, ranking, rank))
        if not by_actor:
            out("No misses at rank 1.\n")
            return
        out("Misses by expected actor (engine): questions, missed at rank 1, missed in the top 3")
        for actor in sorted(by_actor, key=lambda a: (-len(by_actor[a]), a)):
            missed3 = sum(1 for _, _, rank in by_actor[actor] if rank == 0 or rank > 3)
            out(f"  {actor:45}{count[actor]:4}{len(by_actor[actor]):4}{missed3:4}")
        out("")
        for actor in sorted(by_actor):
            for question, ranking, rank in by_actor[actor]:
                where = f"rank {rank}" if rank else "not found"
                out(f"  {question.id} expected {', '.join(question.expected)} ({where}); got {', '.join(ranking[:3])}")
                out(f"      {question.q[:150]}")
        out("")


def read_questions(path: Path) -> list[Question]:
    if not path.exists():
        raise CommandError(f"No such file: {path}")
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            expected = tuple(str(slug) for slug in row["expected"])
            question = Question(str(row["id"]), str(row["q"]), row.get("region") or None, row.get("asker"), expected)
        except (ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"{path}:{number}: not a question line ({exc})") from exc
        if not expected:
            raise CommandError(f"{path}:{number}: 'expected' names no actor")
        if question.asker is not None and question.asker not in ASKERS:
            raise CommandError(f"{path}:{number}: unknown asker {question.asker!r}")
        questions.append(question)
    if not questions:
        raise CommandError(f"{path} holds no questions")
    return questions


def first_hit(question: Question, ranking: Sequence[str]) -> int:
    """The 1-based rank of the first expected actor in `ranking`, or 0."""
    return next((i + 1 for i, slug in enumerate(ranking) if slug in question.expected), 0)


def score(questions: Sequence[Question], rankings: Sequence[Sequence[str]]) -> Scores:
    ranks = [first_hit(q, r) for q, r in zip(questions, rankings, strict=True)]
    n = len(ranks)
    return Scores(
        hit1=sum(1 for r in ranks if r == 1) / n,
        hit3=sum(1 for r in ranks if 1 <= r <= 3) / n,
        mrr=sum(1 / r for r in ranks if r) / n,
    )


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def confidence_table(questions: Sequence[Question], rankings: Sequence[list[str]], confidences: Sequence[str]) -> str:
    parts = []
    for level in ("high", "medium", "low"):
        picked = [first_hit(q, r) == 1 for q, r, c in zip(questions, rankings, confidences, strict=True) if c == level]
        if picked:
            parts.append(f"{level} {len(picked)} ({sum(picked) / len(picked):.2f})")
    return ", ".join(parts)


class Baseline:
    """bm25s over each actor's descriptions, with Snowball Swedish stems: what a search engine over
    the agencies' own texts would answer."""

    def __init__(self, slugs: list[str], texts: list[str], analyse: Callable[[str], list[str]]) -> None:
        import bm25s  # type: ignore[import-untyped]  # only the evaluation needs it (a development dependency)

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it reports every index build at DEBUG
        self.slugs = slugs
        self.analyse = analyse
        self.retriever = bm25s.BM25()
        self.retriever.index([analyse(t) or ["-"] for t in texts], show_progress=False)

    @classmethod
    def from_database(cls) -> Baseline:
        texts: dict[int, list[str]] = defaultdict(list)
        slugs = {}
        for actor in Actor.objects.only("pk", "slug", "name", "short_name", "mandate"):
            slugs[actor.pk] = actor.slug
            texts[actor.pk] += [actor.name, actor.short_name, actor.mandate]
        for actor_id, description in Responsibility.objects.values_list("actor_id", "description"):
            texts[actor_id].append(description)
        for actor_id, name, description in Service.objects.values_list("actor_id", "name", "description"):
            texts[actor_id] += [name, description]
        order = sorted(slugs)
        return cls([slugs[pk] for pk in order], [" ".join(texts[pk]) for pk in order], _snowball_tokens)

    def rank(self, text: str, depth: int) -> list[str]:
        query = self.analyse(text)
        if not query:
            return []
        documents, scores = self.retriever.retrieve([query], k=min(depth, len(self.slugs)), show_progress=False)
        return [self.slugs[int(d)] for d, s in zip(documents[0], scores[0], strict=True) if s > 0]


def _snowball_tokens(text: str) -> list[str]:
    """Plain Snowball Swedish, as a search engine has it: none of krokarm.lib.swedish's additions."""
    return [_SNOWBALL.stemWord(w) for w in re.findall(r"\w\w+", normalize(text)) if w not in SWEDISH_STOPWORDS]
