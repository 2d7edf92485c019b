"""Swedish text analysis for site search, on top of krokarm.lib.swedish (shared with the way in).

Index keys must be the same for a text analysed when it was saved and a query analysed today, in
any process. So keys come from one fixed *base vocabulary*, built from what ships in the repository
(the way in's lexicon and the texts of the reference data in data/): it decides stems, the one key
for all forms of a word, and how compounds split when a document is indexed. At query time the
vocabulary is extended with every word of the index, for typo correction and splitting the query's
compounds, but keys are still taken from the base (`_QueryVocabulary.key`).

When the reference data changes, `krokarm reindex` (run by `krokarm seed`) re-analyses the entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from krokarm.lib.swedish import SWEDISH_STOPWORDS, Analyzer, Fragments, Vocabulary, tokenize
from krokarm.wayin import lexicon

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
# The YAML files whose texts make up the base vocabulary, besides the lexicon.
VOCABULARY_SOURCES = (
    "themes.yaml",
    "target_groups.yaml",
    "actors/*.yaml",
    "strategies/*.yaml",
    "challenges/*.yaml",
    "knowledge/*.yaml",
    "funding/*.yaml",
)
# Fields of the reference data that are codes or addresses, not Swedish text.
NOT_TEXT = frozenset(["slug", "source", "sources", "url", "parent", "kind", "code", "county", "region", "email"])

# Field weights and the fixed average lengths used to normalise them (BM25F with constants, so that a
# document's weights never depend on the rest of the index and can be stored with it).
TITLE_WEIGHT = 3.0
TEXT_WEIGHT = 1.0
AVERAGE_TITLE = 6.0
AVERAGE_TEXT = 60.0
B = 0.5


# A lower-case ASCII value without spaces is a slug or a code that refers to another row ("yrkeshogskola"),
# not Swedish text: its ASCII spelling must not become a word of the vocabulary.
_REFERENCE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if key in NOT_TEXT or key.endswith("_url"):
        return
    if isinstance(value, str):
        if not _REFERENCE.fullmatch(value) and not value.startswith(("http://", "https://")):
            yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def reference_texts(data_dir: Path = DATA_DIR) -> list[str]:
    texts: list[str] = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for pattern in VOCABULARY_SOURCES:
        for path in sorted(data_dir.glob(pattern)):
            texts.extend(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=loader)))
    return texts


@lru_cache(maxsize=1)
def base_vocabulary() -> Vocabulary:
    """The fixed vocabulary that decides index keys (see the module docstring)."""
    synonyms = lexicon.synonyms()
    lexicon_words = [w for text in [*synonyms, *synonyms.values(), *lexicon.ENGLISH.values()] for w in tokenize(text)]
    return Vocabulary.build(reference_texts(), [*lexicon.SEED_WORDS, *lexicon_words])


@lru_cache(maxsize=1)
def index_analyzer() -> Analyzer:
    return Analyzer(base_vocabulary(), synonyms=lexicon.synonyms(), english=lexicon.ENGLISH)


@dataclass(frozen=True, eq=False)
class _QueryVocabulary(Vocabulary):
    """The base vocabulary's keys with the whole index's words for corrections and splits."""

    base: Vocabulary | None = None

    def key(self, word: str) -> str:
        assert self.base is not None
        return self.base.key(word)


def query_analyzer(index_words: Iterable[str]) -> Analyzer:
    """An analyzer for queries that knows every word of the index (see the module docstring)."""
    base = base_vocabulary()
    index_words = list(index_words)
    extended = Vocabulary.build([" ".join(index_words)], base.words)
    vocabulary = _QueryVocabulary(
        **{f.name: getattr(extended, f.name) for f in fields(Vocabulary) if f.init}, base=base
    )
    # Without the way in's synonyms: they lead a question to the right topic ("svetsare" → vocational
    # education), but a search for a word should find that word, not every text about the topic.
    # Words the base vocabulary neither knows nor splits were indexed whole ("vätgasprojekten"): a search
    # for a piece of one ("vätgas") finds it through `Fragments`.
    return Analyzer(vocabulary, english=lexicon.ENGLISH, fragments=Fragments(unknown_words(index_words), base))


def unknown_words(words: Iterable[str]) -> list[str]:
    """The words the base vocabulary does not know in any form: indexed whole, found by their pieces."""
    base = base_vocabulary()
    return [w for w in words if not base.known(w)]


_WORD = re.compile(r"[^\W\d_]{2,}")


def index_words(*texts: str) -> list[str]:
    """The distinct words of a document, for the query vocabulary (sorted, so stored values are stable)."""
    found = {w for text in texts for w in tokenize(text) if _WORD.fullmatch(w) and w not in SWEDISH_STOPWORDS}
    return sorted(found)


def document_terms(title: str, text: str) -> dict[str, float]:
    """A document's index keys with their field-weighted, length-normalised term frequencies."""
    analyzer = index_analyzer()
    terms: dict[str, float] = {}
    for field_text, weight, average in ((title, TITLE_WEIGHT, AVERAGE_TITLE), (text, TEXT_WEIGHT, AVERAGE_TEXT)):
        counts = analyzer.index_terms(field_text)
        if not counts:
            continue
        norm = 1 - B + B * sum(counts.values()) / average
        for key, count in counts.items():
            terms[key] = round(terms.get(key, 0.0) + weight * count / norm, 4)
    return terms
