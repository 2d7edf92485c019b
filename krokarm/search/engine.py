"""The in-memory search index: plain data in, ranked and grouped hits out, no Django.

Each process holds one `SearchIndex`, filled from the stored entries (krokarm.search.queries keeps
it in step with the database). Per index key, the postings are two NumPy arrays (document numbers,
saturated term weights), so a query scores 100,000 documents in vectorised steps rather than a
Python loop per posting. Documents added after a `freeze()` wait in plain lists until the next one;
a changed document gets a new number and its old one is marked dead, and the index is rebuilt when
too many are dead.

Ranking is BM25 over the stored term weights (see krokarm.search.analysis): per word of the query
the best of its alternatives counts (the word, its correction, its compound parts), summed over the
words, times how much of the query a document covers, squared. Ties are broken by title, kind and
key, never by storage order, so PostgreSQL and SQLite give the same list.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from krokarm.lib.swedish import Term

K1 = 1.2
# A document matching only part of the query counts less: score × coverage ** COVERAGE_POWER.
COVERAGE_POWER = 2.0
# Hits whose score is below this share of the best hit's are left out: noise from one light word.
MIN_RELATIVE_SCORE = 0.05

Array = Any  # a NumPy array (numpy's own annotations add nothing here)


@dataclass(frozen=True, slots=True)
class Doc:
    """What the index keeps about one entry: enough to filter, group and order without the database."""

    entry_id: int
    kind: str
    key: str
    title: str
    region: str  # county codes, separated by spaces ("" for national)
    themes: frozenset[str]
    keys: tuple[str, ...] = ()  # its index keys, to undo its document frequencies when it goes


@dataclass(frozen=True)
class Hit:
    entry_id: int
    kind: str
    key: str
    title: str
    score: float


@dataclass(frozen=True)
class Results:
    """Some hits, best first, and how many there are of each kind (before the kind filter)."""

    hits: tuple[Hit, ...]
    by_kind: Mapping[str, int]
    keys: frozenset[str]  # the index keys the query matched on, for highlighting

    def of_kind(self, kind: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.kind == kind]


def saturate(tf: float) -> float:
    """BM25's saturation of a term frequency, applied once when a document is added."""
    return tf * (K1 + 1) / (tf + K1)


class SearchIndex:
    def __init__(self, docs: Iterable[tuple[Doc, Mapping[str, float]]] = ()) -> None:
        self.docs: list[Doc | None] = []
        self.by_key: dict[tuple[str, str], int] = {}  # (kind, key) → document number
        self.df: Counter[str] = Counter()
        self.live = 0
        self.kinds: dict[str, int] = {}  # kind → small number, for the per-document kind array
        self.postings: dict[str, tuple[Array, Array]] = {}
        self._frozen = 0  # documents 0 … _frozen - 1 are in the arrays
        # Compact typed arrays until the next freeze: 100,000 documents' postings as Python lists would take
        # hundreds of megabytes that the allocator keeps after they are freed.
        self._pending: dict[str, tuple[array[int], array[float]]] = defaultdict(lambda: (array("i"), array("f")))
        self._theme_sets: dict[frozenset[str], frozenset[str]] = {}
        self._kind_of: list[int] = []
        self._alive = bytearray()
        self._theme_docs: dict[str, array[int]] = defaultdict(lambda: array("i"))
        self._arrays: tuple[Array, Array] = (np.zeros(0, np.int16), np.zeros(0, bool))
        self._themes: dict[str, Array] = {}
        for doc, terms in docs:
            self.add(doc, terms)
        self.freeze()

    def __len__(self) -> int:
        return self.live

    @property
    def dead(self) -> int:
        return len(self.docs) - self.live

    def add(self, doc: Doc, terms: Mapping[str, float]) -> None:
        """Add a document with its stored term weights, replacing the one of the same kind and key.
        It is searchable after the next `freeze()`."""
        self.remove(doc.kind, doc.key)
        number = len(self.docs)
        keys = tuple(sys.intern(key) for key in terms)
        themes = self._theme_sets.setdefault(doc.themes, doc.themes)  # one object for each set of themes
        self.docs.append(replace(doc, keys=keys, themes=themes))
        self.by_key[doc.kind, doc.key] = number
        self.live += 1
        self._kind_of.append(self.kinds.setdefault(doc.kind, len(self.kinds)))
        self._alive.append(1)
        for theme in doc.themes:
            self._theme_docs[theme].append(number)
        for code in doc.region.split():  # counties are filtered like themes, as tags
            self._theme_docs[f"lan:{code}"].append(number)
        for key, weight in zip(keys, terms.values(), strict=True):
            numbers, weights = self._pending[key]
            numbers.append(number)
            weights.append(saturate(weight))
            self.df[key] += 1

    def remove(self, kind: str, key: str) -> None:
        number = self.by_key.pop((kind, key), None)
        if number is None:
            return
        doc = self.docs[number]
        assert doc is not None
        for index_key in doc.keys:
            self.df[index_key] -= 1
        self.docs[number] = None
        self.live -= 1
        self._alive[number] = 0
        alive = self._arrays[1]
        if number < len(alive):
            alive[number] = False

    def freeze(self) -> None:
        """Move the documents added since the last freeze into the arrays. New arrays replace the old
        ones, so a search running meanwhile keeps a consistent view."""
        for key, (numbers, weights) in self._pending.items():
            new = (np.frombuffer(numbers, dtype=np.int32).copy(), np.frombuffer(weights, dtype=np.float32).copy())
            old = self.postings.get(key)
            self.postings[key] = (
                new if old is None else (np.concatenate([old[0], new[0]]), np.concatenate([old[1], new[1]]))
            )
        self._pending.clear()
        self._arrays = (
            np.array(self._kind_of, dtype=np.int16),
            np.frombuffer(bytes(self._alive), dtype=np.uint8).astype(bool),
        )
        self._themes = {
            theme: np.frombuffer(numbers, dtype=np.int32).copy() for theme, numbers in self._theme_docs.items()
        }
        self._frozen = len(self.docs)

    def compacted(self) -> SearchIndex:
        """A fresh index of the live documents (drops the dead ones' postings)."""
        live = [doc for doc in self.docs if doc is not None]
        fresh = SearchIndex()
        numbers = np.full(len(self.docs), -1, dtype=np.int64)
        kept = [n for n, doc in enumerate(self.docs) if doc is not None]
        numbers[kept] = np.arange(len(kept))
        fresh.docs = list[Doc | None](live)
        fresh.by_key = {(doc.kind, doc.key): number for number, doc in enumerate(live)}
        fresh.live = len(live)
        fresh.kinds = dict(self.kinds)
        fresh._kind_of = [self._kind_of[n] for n in kept]
        fresh._alive = bytearray([1]) * len(live)
        for theme, theme_numbers in self._theme_docs.items():
            moved = [int(numbers[n]) for n in theme_numbers if numbers[n] >= 0]
            if moved:
                fresh._theme_docs[theme] = array("i", moved)
        self.freeze()
        for key, (old_numbers, weights) in self.postings.items():
            mapped = numbers[old_numbers]
            keep = mapped >= 0
            if keep.any():
                fresh.postings[key] = (mapped[keep].astype(np.int32), weights[keep])
                fresh.df[key] = int(keep.sum())
        fresh.freeze()
        return fresh

    def idf(self, key: str) -> float:
        d = self.df.get(key, 0)
        n = max(self.live, 1)
        return math.log(1 + (n - d + 0.5) / (d + 0.5))

    def search(
        self,
        terms: Sequence[Term],
        *,
        kind: str = "",
        region: str = "",
        theme: str = "",
        per_kind: int = 3,
        offset: int = 0,
        limit: int = 20,
    ) -> Results:
        """Rank the live documents for `terms` (from Analyzer.query_terms), filtered by region and theme.

        With `kind`, `hits` is the page `offset:offset + limit` of that kind; without, the best `per_kind`
        of every kind. `by_kind` counts all hits of every kind either way, so a page can offer the others.
        """
        kind_of, alive = self._arrays
        size = len(alive)
        groups: dict[int, list[Term]] = defaultdict(list)
        all_groups: dict[int, float] = {}
        for term in terms:
            all_groups[term.group] = max(all_groups.get(term.group, 0.0), term.weight)
            if term.key in self.postings:
                groups[term.group].append(term)
        total_weight = sum(all_groups.values()) or 1.0
        empty = Results(hits=(), by_kind={}, keys=frozenset())
        if not groups or not size:
            return empty
        scores = np.zeros(size)
        covered = np.zeros(size)
        for group in groups.values():
            if len(group) == 1:
                term = group[0]
                numbers, weights = self.postings[term.key]
                scores[numbers] += weights * (self.idf(term.key) * term.weight)
                covered[numbers] += term.weight
                continue
            best = np.zeros(size)
            best_weight = np.zeros(size)
            for term in group:
                numbers, weights = self.postings[term.key]
                values = weights * (self.idf(term.key) * term.weight)
                better = values > best[numbers]
                best[numbers[better]] = values[better]
                best_weight[numbers[better]] = term.weight
            scores += best
            covered += best_weight
        candidates = np.flatnonzero(scores)
        mask = alive[candidates]
        for tag in (f"lan:{region}" if region else "", theme):
            if tag:
                tagged = np.zeros(size, dtype=bool)
                tagged[self._themes.get(tag, np.zeros(0, np.int32))] = True
                mask &= tagged[candidates]
        candidates = candidates[mask]
        if not len(candidates):
            return empty
        final = scores[candidates] * np.minimum(covered[candidates] / total_weight, 1.0) ** COVERAGE_POWER
        keep = final >= final.max() * MIN_RELATIVE_SCORE
        candidates, final = candidates[keep], final[keep]
        kinds = kind_of[candidates]
        names = {number: name for name, number in self.kinds.items()}
        counts = np.bincount(kinds, minlength=len(self.kinds))
        by_kind = {names[number]: int(count) for number, count in enumerate(counts) if count}
        if kind:
            if kind not in self.kinds:
                chosen: list[tuple[float, str, str, str, int]] = []
            else:
                of_kind = kinds == self.kinds[kind]
                chosen = self._best(candidates[of_kind], final[of_kind], offset + limit)[offset:]
        else:
            chosen = []
            for number in range(len(self.kinds)):
                of_kind = kinds == number
                if of_kind.any():
                    chosen += self._best(candidates[of_kind], final[of_kind], per_kind)
            chosen.sort()
        hits = tuple(self._hit(row) for row in chosen)
        matched = frozenset(t.key for group in groups.values() for t in group)
        return Results(hits=hits, by_kind=by_kind, keys=matched)

    def _best(self, numbers: Array, scores: Array, count: int) -> list[tuple[float, str, str, str, int]]:
        """The `count` best, in a stable order: every document tied with the last one is considered, then
        sorted by (score, title, kind, key), so which of equal documents make the cut never depends on order."""
        if count <= 0 or not len(numbers):
            return []
        if len(numbers) > count:
            threshold = np.partition(scores, len(scores) - count)[len(scores) - count]
            pick = scores >= threshold
            numbers, scores = numbers[pick], scores[pick]
        rows = []
        for number, score in zip(numbers.tolist(), scores.tolist(), strict=True):
            doc = self.docs[number]
            if doc is not None:  # None: removed by another thread after this search read `alive`
                rows.append((-score, doc.title, doc.kind, doc.key, number))
        rows.sort()
        return rows[:count]

    def _hit(self, row: tuple[float, str, str, str, int]) -> Hit:
        doc = self.docs[row[4]]
        entry_id = doc.entry_id if doc is not None else -1  # -1: gone meanwhile; the page finds no entry for it
        return Hit(entry_id=entry_id, kind=row[2], key=row[3], title=row[1], score=-row[0])
