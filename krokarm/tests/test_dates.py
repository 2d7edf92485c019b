"""Dates read in words in the reader's language: "6 december 2026" in Swedish, "6 December 2026" in English
(issue 18, point 4). The formats live in one place, krokarm/formats/; templates name them ("DATE_FORMAT")
instead of spelling patterns, and ISO dates stay where machines read them (the datetime attribute of <time>).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

import krokarm

ROOT = Path(krokarm.__file__).parent
DAY = dt.date(2026, 12, 6)
MOMENT = dt.datetime(2026, 12, 6, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))

# The |date filter with a quoted argument, in what a template writes out: {{ … }} and {% blocktranslate with … %}.
OUTPUT = re.compile(r"\{\{.*?\}\}|\{%\s*blocktranslate\b.*?%\}", re.DOTALL)
DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")
# A <time> element's machine-readable value, which must stay ISO.
MACHINE_VALUE = ('datetime="', "datetime='")
DAY_OF_MONTH = re.compile(r"(?<!\\)[jd]")


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [("sv", "6 december 2026", "6 december 2026 kl. 14:30"), ("en", "6 December 2026", "6 December 2026, 14:30")],
)
def test_a_date_reads_in_words_in_each_language(language: str, day: str, moment: str) -> None:
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ day|date }}|{{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override(language), timezone.override("Europe/Stockholm"):
        assert template.render(Context({"day": DAY, "moment": MOMENT})) == f"{day}|{day}|{moment}"
        assert date_format(DAY) == day


def visible_date_formats(text: str) -> list[str]:
    """The patterns of the |date filters whose result a person reads (not a datetime="…" attribute)."""
    found: list[str] = []
    for output in OUTPUT.finditer(text):
        if text[: output.start()].endswith(MACHINE_VALUE):
            continue
        found.extend(match.group(2) for match in DATE_FILTER.finditer(output.group(0)))
    return found


def test_the_scan_finds_hand_written_dates_and_skips_machine_values() -> None:
    sample = (
        '<time datetime="{{ d|date:\'Y-m-d\' }}">{{ d|date:"j M Y" }}</time>'
        '{% blocktranslate with day=d|date:"Y-m-d" %}Sista dag {{ day }}{% endblocktranslate %}'
        '{% if a|date:"Ymd" == b|date:"Ymd" %}{{ d|date:"DATE_FORMAT" }}{% endif %}'
    )
    assert visible_date_formats(sample) == ["j M Y", "Y-m-d", "DATE_FORMAT"]


def test_no_template_spells_out_a_date_pattern() -> None:
    """A date a person reads (one with a day of the month) uses a named format, never "j M Y" ("6 dec 2026"),
    "Y-m-d" or a copy of the named pattern that could drift from it."""
    hand_written = [
        f"{path.relative_to(ROOT)}: {pattern}"
        for path in sorted(ROOT.rglob("templates/**/*"))
        if path.suffix in {".html", ".txt"}
        for pattern in visible_date_formats(path.read_text(encoding="utf-8"))
        if not pattern.endswith("_FORMAT") and DAY_OF_MONTH.search(pattern)
    ]
    assert hand_written == []
