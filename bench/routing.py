"""How long the way in takes to route one question, in-process, against the database of DATABASE_URL.

Run by bench/run.py (`make bench`, or `bench/run.py --only routing`) in a fresh process per catalogue,
with the benchmark's throw-away database; it can also be run on its own against any database:

    DATABASE_URL=sqlite:///var/krokarm.sqlite3 .venv/bin/python bench/routing.py

What it does, as production does it (krokarm/api/views.py `route`, krokarm/wayin/views.py):

1. The first `catalogue.get_router()` of the process builds the index (seven queries, then the
   Router): that is the **index build** time, paid once per process and again after each change
   to the catalogue.
2. One unmeasured pass over the development set (data/wayin/devset.jsonl) warms the per-word memo
   caches; its timings are kept as the **first pass**, what questions cost with words this process
   has not seen before.
3. `--passes` measured passes, each question timed on its own as `get_router().route(q,
   county_code=region, asker=asker)`, so every question also pays the data-version check that
   decides whether the index is still current.

Before every question the memory of whole texts is emptied (krokarm.lib.swedish.forget_texts), so a
question asked again costs what a new question costs; the memory of single words stays, as in a
process that has been answering for a while.

Prints a short summary on stderr and one line `BENCH_ROUTING {json}` on stdout (times in ms,
build in s) for bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "data" / "wayin" / "devset.jsonl"


def read_devset(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(question, county code or None, asker or None) per line, as `krokarm eval-routing` reads them."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions.append((str(row["q"]), row.get("region") or None, row.get("asker") or None))
    if not questions:
        sys.exit(f"bench/routing.py: {path} holds no questions")
    return questions


def percentiles(values_ms: Sequence[float]) -> dict[str, float]:
    """p50, p95, p99 (as `krokarm eval-routing` computes them) and max, rounded to µs."""
    cuts = statistics.quantiles(values_ms, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "max_ms": round(max(values_ms), 3),
    }


def measure(questions: Sequence[tuple[str, str | None, str | None]], passes: int) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krokarm.settings")
    django.setup()
    from krokarm.actors.models import Actor
    from krokarm.lib.swedish import forget_texts
    from krokarm.wayin import catalogue

    began = time.perf_counter()
    router = catalogue.get_router()
    build_s = time.perf_counter() - began

    routers = {id(router)}
    first: list[float] = []
    for text, region, asker in questions:
        forget_texts()
        began = time.perf_counter()
        current = catalogue.get_router()
        current.route(text, county_code=region, asker=asker)
        first.append((time.perf_counter() - began) * 1000)
        routers.add(id(current))

    timings: list[float] = []
    wall = 0.0
    for _ in range(passes):
        pass_began = time.perf_counter()
        for text, region, asker in questions:
            forget_texts()  # a question asked again must cost what a new one costs (words stay known)
            began = time.perf_counter()
            current = catalogue.get_router()
            current.route(text, county_code=region, asker=asker)
            timings.append((time.perf_counter() - began) * 1000)
            routers.add(id(current))
        wall += time.perf_counter() - pass_began

    return {
        "actors": Actor.objects.count(),
        "documents": len(router.documents),
        "build_s": round(build_s, 3),
        "questions": len(questions),
        "passes": passes,
        "routes": len(timings),
        "questions_per_s": round(len(timings) / wall, 1) if wall else 0.0,
        # More than one router means the catalogue changed while measuring and the index was rebuilt.
        "index_builds": len(routers),
        "first_pass": percentiles(first),
        **percentiles(timings),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEVSET, help="JSON lines with q, region, asker")
    parser.add_argument("--passes", type=int, default=5, help="measured passes over the questions")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error("--passes must be at least 1")

    result = measure(read_devset(args.questions), args.passes)
    print(
        f"routing: {result['actors']} actors, {result['documents']} documents, index built in "
        f"{result['build_s']:.2f} s; {result['routes']} questions: p50 {result['p50_ms']:.2f} ms, "
        f"p95 {result['p95_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms, max {result['max_ms']:.2f} ms, "
        f"{result['questions_per_s']:.0f} questions/s (first pass p95 {result['first_pass']['p95_ms']:.2f} ms)",
        file=sys.stderr,
        flush=True,
    )
    print("BENCH_ROUTING " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
