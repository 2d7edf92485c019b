"""krokarm.lib.ical: plain event dicts in, a valid RFC 5545 calendar out."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from krokarm.lib import ical

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    settings.SITE_URL = "https://krokarm.example:8443"


def event(**values: Any) -> ical.CalendarEvent:
    base: ical.CalendarEvent = {
        "uid": ical.uid("meeting", 7),
        "start": dt.datetime(2026, 5, 4, 13, 0, tzinfo=STOCKHOLM),
        "end": dt.datetime(2026, 5, 4, 15, 0, tzinfo=STOCKHOLM),
        "summary": "Träff, med; tecken",
        "description": "Rad ett\nRad två",
        "url": "/natverk/rus-natverket/",
        "stamp": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    }
    base.update(values)  # type: ignore[typeddict-item]
    return base


def parse(events: list[ical.CalendarEvent]) -> Any:
    return Calendar.from_ical(ical.build_calendar(events, name="Kalender", description="Om"))


def test_uids_use_the_site_host_without_port() -> None:
    assert ical.uid("entry-point", 3) == "entry-point-3@krokarm.example"


def test_a_timed_event_is_written_in_utc_with_an_absolute_url() -> None:
    calendar = parse([event(location="Stockholm")])
    assert str(calendar["PRODID"]) == ical.PRODID and str(calendar["VERSION"]) == "2.0"
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.datetime(2026, 5, 4, 11, 0, tzinfo=dt.UTC)
    assert str(vevent["URL"]) == "https://krokarm.example:8443/natverk/rus-natverket/"
    assert str(vevent["SUMMARY"]) == "Träff, med; tecken" and str(vevent["DESCRIPTION"]) == "Rad ett\nRad två"
    assert str(vevent["LOCATION"]) == "Stockholm" and str(vevent["UID"]) == "meeting-7@krokarm.example"


def test_an_all_day_event_keeps_dates() -> None:
    (vevent,) = parse([event(start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 6))]).walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.date(2026, 5, 4) and vevent.decoded("DTEND") == dt.date(2026, 5, 6)
    assert "DTSTART;VALUE=DATE:20260504" in ical.build_calendar([event(start=dt.date(2026, 5, 4))], name="K").decode()


def test_text_is_escaped_and_lines_use_crlf() -> None:
    body = ical.build_calendar([event()], name="K").decode()
    assert "SUMMARY:Träff\\, med\\; tecken\r\n" in body and "DESCRIPTION:Rad ett\\nRad två\r\n" in body


def test_naive_date_times_are_refused() -> None:
    with pytest.raises(ValueError):
        ical.build_calendar([event(start=dt.datetime(2026, 5, 4, 13, 0))], name="K")


def test_an_empty_calendar_is_valid() -> None:
    assert parse([]).walk("VEVENT") == []
