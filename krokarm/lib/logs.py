"""Logging helpers: what the platform's own logs must never hold."""

from __future__ import annotations

import logging
import re

# A query string inside a logged URL or request line: from "?" to the next space or quote.
_QUERY = re.compile(r"\?[^\s\"']*")


def without_query_string(text: str) -> str:
    """`text` with every query string removed: "GET /fraga/?q=… HTTP/1.1" → "GET /fraga/ HTTP/1.1"."""
    return _QUERY.sub("", text)


class WithoutQueryStrings(logging.Filter):
    """Drops the query strings from a record's message before any handler writes it.

    On the logger Django's development server logs every request line to ("django.server"): a question asked on
    the way in travels in the address, and what people write there stays out of the log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_query_string(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
