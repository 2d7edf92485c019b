"""Who may do what in the way in. Anyone may ask, without an account."""

from __future__ import annotations

from typing import Any


def ensure_can_ask(user: Any) -> None:
    """Asking is open to everyone: the brief's first promise is "no account needed to ask"."""
