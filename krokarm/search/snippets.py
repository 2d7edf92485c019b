"""Highlighted snippets: the words of a result that matched the query, marked, in a short excerpt."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from krokarm.search.analysis import index_analyzer

SNIPPET_LENGTH = 220  # characters, about two lines
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Segment:
    text: str
    mark: bool


def _matches(word: str, keys: frozenset[str]) -> bool:
    analyzer = index_analyzer()
    folded = word.lower()
    if analyzer.key(folded) in keys:
        return True
    return any(analyzer.key(part) in keys for part in analyzer.vocabulary.parts(folded))


def highlight(text: str, keys: frozenset[str]) -> list[Segment]:
    """The whole `text` as segments, the words that match `keys` marked."""
    segments: list[Segment] = []
    position = 0
    for match in _WORD.finditer(text):
        if _matches(match.group(), keys):
            if match.start() > position:
                segments.append(Segment(text[position : match.start()], False))
            segments.append(Segment(match.group(), True))
            position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:], False))
    return _merged(segments)


def snippet(text: str, keys: frozenset[str], length: int = SNIPPET_LENGTH) -> list[Segment]:
    """An excerpt of about `length` characters around the first marked word, marked; cut at word
    boundaries with an ellipsis where text was left out."""
    text = " ".join(text.split())
    if len(text) <= length:
        return highlight(text, keys)
    first = next((m.start() for m in _WORD.finditer(text) if _matches(m.group(), keys)), 0)
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
    return highlight(excerpt, keys)


def _merged(segments: Iterable[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].mark == segment.mark and not segment.mark:
            merged[-1] = Segment(merged[-1].text + segment.text, False)
        else:
            merged.append(segment)
    return merged
