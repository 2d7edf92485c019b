"""Masking e-mail addresses for pages that must show which message is which without showing whose it is."""

from __future__ import annotations

import re

ADDRESS = re.compile(r"([A-Za-z0-9._%+\-]+)@([A-Za-z0-9.\-]+\.[A-Za-z]{2,})")


def mask(address: str) -> str:
    """`rita.svensson@example.se` → `r…@example.se`: the domain (a typo, or which organisation's mailbox) stays
    readable, the person does not."""
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return "…"
    return f"{local[0]}…@{domain}"


def mask_all(text: str) -> str:
    """Every address in `text` (e.g. a mail server's error message) masked as by `mask`."""
    return ADDRESS.sub(lambda found: mask(found.group(0)), text)
