"""Text as a reader sees it: grapheme clusters, visible characters and the controls that reorder text.

A grapheme cluster is what a reader takes for one character: "å" typed as "a" and a combining ring, a thumbs-up
with a skin tone (two code points), a family emoji (seven, joined by zero-width joiners), a Devanagari conjunct.
Python's `re` has no `\\X`; the `regex` module segments by the Unicode standard's rules (UAX #29) and knows the
Default_Ignorable_Code_Point property that `unicodedata` lacks.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X")
_MARK = regex.compile(r"\p{M}")
# Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI) reorder the text around them:
# a comment could show its words in another order than they were written ("Trojan Source", CVE-2021-42574), and
# an unclosed one spills into whatever the page shows after it. The marks LRM and RLM change no order and stay.
_BIDI_CONTROL = regex.compile("[\u202a-\u202e\u2066-\u2069]")
# A character that shows something on its own: not white space, a control or format character (zero-width
# spaces and joiners, word joiner, BOM), a default-ignorable code point (Hangul fillers, variation selectors,
# tags), a combining mark (it needs a letter to sit on) or the blank braille pattern.
_VISIBLE = regex.compile(r"[^\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{M}\u2800]")


def clusters(text: str) -> list[str]:
    """The text's extended grapheme clusters, in order."""
    return _CLUSTER.findall(text)


def marks(cluster: str) -> int:
    """How many combining marks (Unicode category M) a cluster holds."""
    return len(_MARK.findall(cluster))


def has_visible(text: str) -> bool:
    """Whether a reader would see anything at all of `text`."""
    return _VISIBLE.search(text) is not None


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROL.sub("", text)
