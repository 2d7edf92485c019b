"""iCalendar (RFC 5545) files from plain event dicts, for calendar subscriptions.

Callers pass what they know about each event; this module owns the format: stable UIDs, absolute URLs,
UTC date-times, all-day events as DATE values and text escaping (done by the `icalendar` library).
An all-day event's `end` is exclusive (RFC 5545 3.6.1): an event on 3 and 4 May ends on 5 May.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NotRequired, TypedDict
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

PRODID = "-//krokarm//krokarm kalender//SV"
CONTENT_TYPE = "text/calendar; charset=utf-8"


class CalendarEvent(TypedDict):
    uid: str  # from `uid()`: stable across downloads, so calendars update an event rather than add it again
    start: dt.date | dt.datetime  # a date for an all-day event, else an aware date-time
    end: dt.date | dt.datetime  # exclusive for all-day events
    summary: str
    description: str
    url: str  # a path on this site or an absolute URL
    stamp: dt.datetime  # when the event's information last changed (DTSTAMP)
    location: NotRequired[str]
    reconstructed: NotRequired[bool]  # an example krokarm made up: X-KROKARM-RECONSTRUCTED:TRUE


def host() -> str:
    """The site's host name, from settings.SITE_URL; the right-hand side of every UID."""
    return urlsplit(settings.SITE_URL).hostname or "krokarm"


def uid(kind: str, pk: int) -> str:
    """A UID that stays the same for the same object, e.g. `entry-point-7@krokarm.se`."""
    return f"{kind}-{pk}@{host()}"


def absolute(url: str) -> str:
    return url if urlsplit(url).scheme else f"{settings.SITE_URL}{url}"


def _when(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    # Date-times are written in UTC ("Z"), so no VTIMEZONE is needed and every client reads the same instant.
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("calendar date-times must be timezone-aware")
        return value.astimezone(dt.UTC)
    return value


def build_calendar(events: Iterable[CalendarEvent], *, name: str, description: str = "") -> bytes:
    """One VCALENDAR with a VEVENT for each event, as bytes (UTF-8, CRLF line endings, folded lines)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", _when(item["stamp"]))
        event.add("dtstart", _when(item["start"]))
        event.add("dtend", _when(item["end"]))
        event.add("summary", item["summary"])
        event.add("description", item["description"])
        event.add("url", absolute(item["url"]))
        if item.get("location"):
            event.add("location", item["location"])
        if item.get("reconstructed"):
            event.add("x-krokarm-reconstructed", "TRUE")
        calendar.add_component(event)
    return calendar.to_ical()
