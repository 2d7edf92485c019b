"""Working days in Sweden, for the time an actor has to accept a case.

Saturdays, Sundays and public holidays are not working days. Midsummer Eve, Christmas Eve and
New Year's Eve are not public holidays, but lagen (1930:173) om beräkning av lagstadgad tid treats
them like one when a deadline falls on them, and public offices are closed, so they do not count
either.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def days_off(year: int) -> frozenset[dt.date]:
    """Public holidays and the three eves of `year` (weekends are handled separately)."""
    public = holidays.country_holidays("SE", years=year)
    days = set(public)
    for day, name in public.items():
        if name == "Midsummer Day":
            days.add(day - dt.timedelta(days=1))
    days.add(dt.date(year, 12, 24))
    days.add(dt.date(year, 12, 31))
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: dt.datetime, count: int) -> dt.datetime:
    """The same time of day `count` working days after `start`. A case sent on a Saturday with two
    working days is due on Tuesday at the same time: Monday and Tuesday are the two days it had."""
    if count < 0:
        raise ValueError("count must be zero or more")
    moment = start
    added = 0
    while added < count:
        moment += dt.timedelta(days=1)
        if is_working_day(moment.date()):
            added += 1
    return moment
