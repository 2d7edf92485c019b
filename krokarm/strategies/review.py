"""When a region's strategy must next be reviewed (förordning 2017:583, 12 §). Plain dates in and out.

12 § says the RUS shall be reviewed at least once between every election to the regional and
municipal councils. Swedish general elections are held on the second Sunday of September every
fourth year (2018, 2022, 2026, 2030 …), so a term runs from one such Sunday to the next. A strategy
adopted or reviewed before the current term began must be reviewed again before the next election;
one adopted or reviewed during the current term has met this term's duty and is due before the
election after that.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

ELECTION_CYCLE_START = 2018  # any year of a general election; they recur every four years

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    # Seasons: the first month of each, so an approximate date is never later than the real one.
    "vintern": 1,
    "våren": 3,
    "sommaren": 6,
    "hösten": 9,
}


def is_election_year(year: int) -> bool:
    return (year - ELECTION_CYCLE_START) % 4 == 0


def election_day(year: int) -> datetime.date:
    """The second Sunday of September of an election year."""
    if not is_election_year(year):
        raise ValueError(f"{year} is not a Swedish general election year")
    first = datetime.date(year, 9, 1)
    first_sunday = first + datetime.timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + datetime.timedelta(days=7)


def last_election(on: datetime.date) -> datetime.date:
    """The most recent election day on or before `on`: the start of the term `on` falls in."""
    year = on.year - (on.year - ELECTION_CYCLE_START) % 4
    day = election_day(year)
    return day if day <= on else election_day(year - 4)


def next_election(on: datetime.date) -> datetime.date:
    """The first election day after `on`: the end of the term `on` falls in."""
    return election_day(last_election(on).year + 4)


@dataclass(frozen=True)
class ReviewDue:
    last_review: datetime.date | None
    due_before_election: int | None  # the election year the next review must come before
    term_without_review: tuple[int, int] | None  # a whole earlier term with no review on record


def review_due(last_review: datetime.date | None, today: datetime.date) -> ReviewDue:
    """When the next review is due, given the last adoption or review on record (None: unknown)."""
    if last_review is None:
        return ReviewDue(None, None, None)
    term_start = last_election(today)
    term_end = next_election(today)
    if last_review < term_start:
        due = term_end.year
        previous_start = last_election(term_start - datetime.timedelta(days=1))
        missed = (previous_start.year, term_start.year) if last_review < previous_start else None
        return ReviewDue(last_review, due, missed)
    return ReviewDue(last_review, term_end.year + 4, None)


def approximate_date(text: str) -> datetime.date | None:
    """The earliest date a Swedish phrase like "våren 2018", "juni 2019" or "2019–2020" can mean.

    The last year in the text counts (an adoption "after a process 2019–2020" came in 2020 at the
    earliest); the first month or season named before it sets the month, else January.
    """
    years = re.findall(r"\b(19\d\d|20\d\d)\b", text)
    if not years:
        return None
    month = 1
    for word in re.findall(r"[a-zåäö]+", text.lower()):
        if word in MONTHS:
            month = MONTHS[word]
            break
    return datetime.date(int(years[-1]), month, 1)


def last_review_of(
    adopted_on: datetime.date | None, adopted_text: str, revised_on: datetime.date | None, revised_text: str
) -> datetime.date | None:
    """The latest adoption or revision on record, using approximate dates where only words are known."""
    dates = [
        adopted_on or approximate_date(adopted_text),
        revised_on or approximate_date(revised_text),
    ]
    known = [d for d in dates if d is not None]
    return max(known) if known else None
