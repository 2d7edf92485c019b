"""Which language someone writes in or asks for: English or Swedish, nothing else.

The site speaks Swedish first (krokarm.home.middleware). English is given to those who ask for it: a
question written in English (`question_language`), a browser that prefers English (`prefers_english`), or
the language button. `localized` picks a model's or a routing result's English field when English is active.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from django.utils import translation

from krokarm.lib.swedish import words

Language = Literal["en", "sv"]

# Short words that say which language a sentence is in: function words, question words and the verbs every
# question to the way in has. Words both languages write alike ("i", "man", "be", "dig", "var") are left out.
ENGLISH_WORDS = frozenset(
    words(
        """
    the a an and or of to in on at for with from about by into how what where who whom which why when
    do does did can could would should will shall may must is are am was were been being have has had
    my me your you we our us they their it its this that these those there here not no any some if than
    get got need needs want wants help looking apply work working job jobs find
        """
    )
)
SWEDISH_WORDS = frozenset(
    words(
        """
    och att det som en ett är jag vill kan hur vad vem vilken vilket vilka till för med på av om inte
    min mitt mina har ska skulle får finns måste behöver söka jobba jobb arbete inom hos efter från eller
    vi ni de den dem mig oss sig sin sitt sina när där här vart varför mycket någon något några
        """
    )
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SWEDISH_LETTERS = re.compile(r"[åäö]")


def question_language(text: str) -> Language:
    """ "en" when `text` reads as English, otherwise "sv".

    Counts the words that only English uses against those only Swedish uses; a lower-case word with å, ä
    or ö counts as Swedish (names such as "Försäkringskassan" are written with a capital and do not).
    English needs more such words than Swedish and at least two of them, unless the text is one word.
    """
    tokens = _WORD.findall(text)
    english = swedish = 0
    for token in tokens:
        lower = token.lower()
        if lower in ENGLISH_WORDS:
            english += 1
        elif lower in SWEDISH_WORDS or (token == lower and _SWEDISH_LETTERS.search(lower)):
            swedish += 1
    return "en" if english > swedish and english >= min(2, len(tokens)) else "sv"


def prefers_english(accept_language: str) -> bool:
    """Whether a browser's Accept-Language header prefers English to Swedish and does not name Swedish first.

    "en-GB", "en, sv;q=0.5" and "de, en" prefer English; "sv-SE", "sv, en", "en;q=0.5, sv" and "fr" do not, nor
    does a header with equal weights for both or one that cannot be read.
    """
    weights: dict[str, float] = {}
    first = ""
    for part in accept_language[:500].split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if not primary:
            continue
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        first = first or primary
        weights[primary] = max(weights.get(primary, 0.0), quality)
    return first != "sv" and weights.get("en", 0.0) > weights.get("sv", 0.0)


def localized(obj: Any, field: str) -> Any:
    """`obj.<field>_en` when English is active and it is not empty, else `obj.<field>` (the Swedish text)."""
    if translation.get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)
