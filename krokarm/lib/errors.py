"""The one refusal an action raises when it will not do what was asked, for a reason the person can act on.

Views and the API turn it into a 409 (or the status it names) with its message: the HTML pages through
`krokarm.home.middleware.RefusedMiddleware`, the API through its exception handler. A bug is never a
`Refused`: anything else still reaches the error pages and the logs.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """An action refused: `message` is shown to the person as it is (Swedish, through gettext)."""

    status = 409
    code = "conflict"

    def __init__(self, message: Any, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
