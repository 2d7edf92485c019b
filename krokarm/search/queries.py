"""The read side of site search: each process's index kept in step with the entries, and searching it.

`get_index()` asks the database one small question per search (the changes since the last one this
process applied) and applies them, or rebuilds from the entries when its history no longer matches
(see krokarm/search/models.py). The ranking itself is krokarm.search.engine.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from krokarm.lib.swedish import Analyzer, Term
from krokarm.search.analysis import query_analyzer, unknown_words
from krokarm.search.engine import Doc, Hit, Results, SearchIndex
from krokarm.search.models import Change, Entry
from krokarm.search.registry import KINDS

# Rebuild rather than keep appending when this share of the index's documents is dead.
DEAD_SHARE = 0.25
# Until the words of a change are in the query vocabulary: rebuild the vocabulary after this many new words.
NEW_WORDS = 200
# More changes than this since the last search: rebuilding is quicker than applying them one by one.
MAX_CHANGES = 500
# Below this many words, the query vocabulary takes a change's new words at once.
SMALL_VOCABULARY = 50_000


@dataclass
class _State:
    index: SearchIndex
    seq: int
    token: str
    words: set[str]
    analyzer: Analyzer
    pending_words: set[str]


_state: _State | None = None
_lock = threading.Lock()

_FIELDS = ("id", "kind", "key", "title", "region", "themes", "terms", "words")


def _doc(row: Sequence[Any]) -> tuple[Doc, dict[str, float]]:
    entry_id, kind, key, title, region, themes, terms, _words = row
    return Doc(entry_id, sys.intern(kind), key, title, region, frozenset(themes.split())), terms


def _build() -> _State:
    last = Change.objects.order_by("-seq").values_list("seq", "token").first() or (0, "")
    index = SearchIndex()
    words: set[str] = set()
    # In (kind, key) order, so that a fresh index numbers its documents alike on every database.
    for row in Entry.objects.order_by("kind", "key").values_list(*_FIELDS).iterator(chunk_size=2000):
        doc, terms = _doc(row)
        index.add(doc, terms)
        words.update(row[7].split())
    index.freeze()
    return _State(index, last[0], last[1], words, query_analyzer(words), set())


def get_index() -> tuple[SearchIndex, Analyzer]:
    """This process's index and query analyzer, up to date with the committed entries."""
    global _state
    with _lock:
        state = _state
        if state is None:
            state = _state = _build()
            return state.index, state.analyzer
        changes = list(
            Change.objects.filter(seq__gte=state.seq).order_by("seq").values_list("seq", "token", "kind", "key")
        )
        if state.seq and (not changes or changes[0][:2] != (state.seq, state.token)):
            state = _state = _build()
            return state.index, state.analyzer
        fresh = [change for change in changes if change[0] > state.seq]
        if not fresh:
            return state.index, state.analyzer
        if len(fresh) > MAX_CHANGES or any(kind == "*" for _seq, _token, kind, _key in fresh):
            state = _state = _build()
            return state.index, state.analyzer
        _apply(state, fresh)
        return state.index, state.analyzer


def _apply(state: _State, changes: list[tuple[int, str, str, str]]) -> None:
    touched = {(kind, key) for _seq, _token, kind, key in changes}
    for kind, key in sorted(touched):
        row = Entry.objects.filter(kind=kind, key=key).values_list(*_FIELDS).first()
        state.index.remove(kind, key)
        if row is not None:
            doc, terms = _doc(row)
            state.index.add(doc, terms)
            new_words = [w for w in row[7].split() if w not in state.words]
            state.pending_words.update(new_words)
            if state.analyzer.fragments is not None:  # found by their pieces at once, not after NEW_WORDS more
                state.analyzer.fragments.add(unknown_words(new_words))
    state.index.freeze()
    state.seq, state.token = changes[-1][0], changes[-1][1]
    if state.index.dead > DEAD_SHARE * max(len(state.index), 1):
        state.index = state.index.compacted()
    if len(state.pending_words) >= NEW_WORDS or (state.pending_words and len(state.words) < SMALL_VOCABULARY):
        state.words |= state.pending_words
        state.pending_words = set()
        state.analyzer = query_analyzer(state.words)


def forget() -> None:
    """Drop this process's index (the next search rebuilds it)."""
    global _state
    with _lock:
        _state = None


@dataclass(frozen=True)
class Group:
    kind: str
    label: Any
    count: int
    hits: list[Any]


def run(
    text: str, *, kind: str = "", region: str = "", theme: str = "", per_kind: int = 3, offset: int = 0, limit: int = 20
) -> tuple[Results, list[Term]]:
    index, analyzer = get_index()
    terms = analyzer.query_terms(text)
    return index.search(
        terms, kind=kind, region=region, theme=theme, per_kind=per_kind, offset=offset, limit=limit
    ), terms


def entries_for(hits: Sequence[Hit]) -> dict[int, Entry]:
    """The stored entries of some hits, for their addresses and snippets: one query."""
    return {entry.pk: entry for entry in Entry.objects.filter(pk__in=[hit.entry_id for hit in hits])}


def kind_label(kind: str) -> Any:
    return KINDS.get(kind, kind)
