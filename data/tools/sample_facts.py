"""Draw a reproducible random sample of atomic facts from data/ for a review log.

Usage:
    python3 data/tools/sample_facts.py --seed 20261207 --n 50
    python3 data/tools/sample_facts.py --count     # only say how many facts there are

An atomic fact is one field of one record that states something a reader can check against a source:
an organisation number, a website, a county seat, a date, a legal basis, a description or mandate,
a title, a summary, a budget, who may apply, the counties of a programme... Fields that are
krokarm's own bookkeeping or proposals are not facts and are not drawn: slugs, theme and target
group codes, roles, typical questions, source URLs themselves, sort orders, notes on how precise a
date is, a short name that repeats the name, krokarm's grouping of topics under themes and the
state of a challenge, and the `unconfirmed` texts (they say what is *not* known). The goals, outcomes and
indicators of the challenges are krokarm's proposals, not facts about anyone. Records flagged
`reconstructed: true` or `example: true` are left out with everything below them, and so are the
way-in evaluation sets in data/wayin/.

Each fact is printed with the nearest source the data gives for it (the record's own
`source_url`, `mandate_source_url`, `source` or `url`, else its parent's; for the CSV files the
list they were built from): that is the source the reviewer checks first.

Facts are enumerated in a fixed order (files sorted by path, fields in file order), then
`random.Random(seed).sample` picks n of them, so the same seed on the same data gives the same
sample. Any edit that adds or removes a fact shifts the enumeration, so a logged sample names the commit
it was drawn at; to redraw it later, read that commit's data with --data:

    mkdir -p /tmp/facts && git archive 285106b data | tar -x -C /tmp/facts
    python3 data/tools/sample_facts.py --seed 20261207 --n 50 --data /tmp/facts/data

Standard library plus PyYAML only.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent

# Scalar fields that state something checkable.
FACT_FIELDS = {
    "name",
    "short_name",
    "org_number",
    "website",
    "seat",
    "county",
    "ministry",
    "parent",
    "mandate",
    "description",
    "summary",
    "title",
    "basis",
    "url",
    "link",
    "adopted_on",
    "adopted_text",
    "revised_on",
    "revised_text",
    "decision_body",
    "horizon",
    "starts_on",
    "ends_on",
    "opens_on",
    "closes_on",
    "published_on",
    "reused_on",
    "date",
    "place",
    "organiser",
    "fund",
    "managing_authority",
    "managing_authority_text",
    "who_may_apply",
    "period",
    "budget",
    "member_note",
    "how",
    "status",
}
# List fields whose whole list is one fact.
LIST_FACT_FIELDS = {"counties"}
# Fields that only count as facts in some records.
PARTICIPANT_NOTE = "note"  # a participant's note (record has `actor`) says what that actor does
REUSE_TEXT = "text"  # a reuse's or a confirmed proposal's text; an outcome's text is a proposal
SOURCE_FIELDS = ("source_url", "mandate_source_url", "source", "url", "link")
PROPOSAL_KEYS = {"goal", "outcomes", "target", "indicator"}
CSV_FIELDS = {
    "counties.csv": ("name", ("code", "letter", "seat", "erdf_programme_area"), "DOMAIN.md 1.2, 7.1"),
    "municipalities.csv": ("name", ("kommunkod", "county"), "shared/data/municipalities.csv"),
}


def _record_id(rec: dict, fallback: str) -> str:
    for key in ("slug", "name", "title", "actor", "topic", "kind"):
        if isinstance(rec.get(key), str):
            return rec[key]
    return fallback


def _source(rec: dict, inherited: str | None) -> str | None:
    for key in SOURCE_FIELDS:
        value = rec.get(key)
        if isinstance(value, str) and value.startswith("http"):
            return value
    return inherited


def _is_flagged(rec: dict) -> bool:
    return rec.get("reconstructed") is True or rec.get("example") is True


def _walk(node, path: str, rel: str, inherited: str | None, out: list[dict]) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, f"{path}[{i}]", rel, inherited, out)
        return
    if not isinstance(node, dict) or _is_flagged(node):
        return
    record = _record_id(node, path)
    source = _source(node, inherited)
    for key, value in node.items():
        if key in PROPOSAL_KEYS:
            continue
        if isinstance(value, (dict, list)):
            if key in LIST_FACT_FIELDS and all(isinstance(v, str) for v in value):
                out.append(_fact(rel, path, record, key, ", ".join(value), source))
            elif key != "questions":
                _walk(value, f"{path}.{key}", rel, source, out)
            continue
        if value is None or isinstance(value, bool):
            continue
        counts = key in FACT_FIELDS
        if key == "short_name" and value == node.get("name"):
            counts = False  # repeats the name
        if key == "status" and rel.startswith("challenges/"):
            counts = False  # krokarm's own state of the challenge
        if key == "parent" and rel == "themes.yaml":
            counts = False  # krokarm's grouping of topics
        if key == PARTICIPANT_NOTE and "actor" in node:
            counts = True
        if key == REUSE_TEXT and "indicator" not in node:
            counts = True
        if counts:
            out.append(_fact(rel, path, record, key, str(value), source))


def _fact(rel, path, record, field, value, source) -> dict:
    return {"file": rel, "path": path, "record": record, "field": field, "value": value, "source": source}


def enumerate_facts(data: Path = DATA) -> list[dict]:
    facts: list[dict] = []
    for file in sorted(data.rglob("*")):
        rel = file.relative_to(data).as_posix()
        if rel.startswith(("wayin/", "tools/")) or not file.is_file():
            continue
        if file.suffix == ".yaml" and file.name != "primary_sources.yaml":
            doc = yaml.safe_load(file.read_text(encoding="utf-8"))
            _walk(doc, "$", rel, None, facts)
        elif file.name in CSV_FIELDS:
            id_field, fields, source = CSV_FIELDS[file.name]
            with file.open(encoding="utf-8", newline="") as fh:
                for i, row in enumerate(csv.DictReader(fh)):
                    for field in fields:
                        facts.append(_fact(rel, f"row {i + 2}", row[id_field], field, row[field], source))
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--count", action="store_true", help="only print the number of facts")
    parser.add_argument("--data", type=Path, default=DATA, help="the data/ directory to read (default: this one)")
    args = parser.parse_args()
    facts = enumerate_facts(args.data)
    if args.count:
        print(len(facts))
        return
    sample = random.Random(args.seed).sample(range(len(facts)), args.n)
    print(f"# {len(facts)} facts; seed {args.seed}; n {args.n}")
    for no, index in enumerate(sample, 1):
        f = facts[index]
        value = " ".join(f["value"].split())
        print(f"{no}\t{f['file']}\t{f['record']}\t{f['path']}\t{f['field']}\t{value}\t{f['source'] or '-'}")


if __name__ == "__main__":
    main()
