"""Swedish-aware text normalisation for search.

SQLite's LIKE folds case for ASCII only, so "ö" would not match "Ö". We store a
pre-folded copy of the searchable text and fold queries the same way, which
behaves identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, NFC-normalise and collapse white space; keeps å, ä and ö distinct."""
    # Normalise after casefolding as well: casefolding can decompose ("ß\u0301" → "ss\u0301"),
    # and without a second NFC a second fold would change the text again.
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text or "").casefold())
    return _SPACE.sub(" ", text).strip()


def slugify_sv(text: str) -> str:
    """An ASCII slug for Swedish names: "Region Jönköpings län" → "region-jonkopings-lan"."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def web_host(url: str) -> str:
    """https://www.arbetsformedlingen.se/x → arbetsformedlingen.se: the address a link text names, so that a
    reader knows where the link goes. "" for anything without a host."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")
