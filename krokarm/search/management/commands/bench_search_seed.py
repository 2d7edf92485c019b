"""`krokarm bench_search_seed --items 100000`: grow the search index to a size for `make bench`.

For benchmarks only (bench/search.py runs it on a throw-away database). The synthetic entries are
made from the real ones (`krokarm seed` first): each takes a real entry's kind, title and text and
mixes in sentences of two other real entries and a county, so word frequencies, lengths and the mix
of kinds stay those of the real site. Every synthetic entry goes through the same analysis as a real
one (krokarm.search.actions.entry_fields). Deterministic: the same --items and --seed give the same
entries. Synthetic keys start with "bench-", so a second run replaces them.
"""

from __future__ import annotations

import random
import re
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from krokarm.regions.models import County
from krokarm.search.actions import _record, entry_fields
from krokarm.search.models import Entry
from krokarm.search.registry import Document

PREFIX = "bench-"
BATCH = 2000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


class Command(BaseCommand):
    help = "Add synthetic search entries (for benchmarks) until the index holds --items entries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--items", type=int, default=100_000, help="total entries wanted")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, items: int, seed: int, **options: Any) -> None:
        started = time.monotonic()
        Entry.objects.filter(key__startswith=PREFIX).delete()
        real = list(Entry.objects.values_list("kind", "title", "text", "url", "region", "themes"))
        if not real:
            raise CommandError("The index is empty: run `krokarm seed` first.")
        counties = list(County.objects.values_list("code", "name"))
        sentences = [s for row in real for s in _SENTENCE.split(row[2]) if len(s) > 20]
        rng = random.Random(seed)
        wanted = max(items - len(real), 0)
        with transaction.atomic():
            for start in range(0, wanted, BATCH):
                rows = []
                for number in range(start, min(start + BATCH, wanted)):
                    kind, title, text, url, region, themes = rng.choice(real)
                    code, county = rng.choice(counties)
                    mixed = " ".join([text, *rng.sample(sentences, 2), f"{county}."])
                    document = Document(
                        title=f"{title} – {county}",
                        text=mixed,
                        url=url,
                        region=region or code,
                        themes=tuple(themes.split()),
                    )
                    rows.append(Entry(kind=kind, key=f"{PREFIX}{number}", **entry_fields(document)))
                Entry.objects.bulk_create(rows)
                self.stdout.write(f"  {min(start + BATCH, wanted)}/{wanted}", ending="\r")
            _record([("*", "*")])  # every process rebuilds its index
        total = Entry.objects.count()
        self.stdout.write(f"Search index: {total} entries ({wanted} synthetic) in {time.monotonic() - started:.0f} s")
