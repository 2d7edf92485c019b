"""Where a link goes, said in a few characters, so its text can name its destination."""

from __future__ import annotations

from urllib.parse import urlsplit


def host(url: str) -> str:
    """`https://www.arbetsformedlingen.se/platsbanken` → `arbetsformedlingen.se`: the site a link leads to, as
    a reader recognises it (lower case, without "www." and without a port). Empty for an address without a host."""
    try:
        name = urlsplit(url.strip()).hostname or ""
    except ValueError:  # a malformed address (e.g. an unclosed IPv6 bracket) names no site
        return ""
    return name.removeprefix("www.")
