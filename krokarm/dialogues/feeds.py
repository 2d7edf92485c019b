"""Calendar subscriptions to dialogues: every coming event, or one event, as iCalendar (krokarm/lib/ical.py).

An event with times has date-time DTSTART and DTEND (written in UTC, which every client turns into its own time
zone); an all-day event, of which only the day is known, has DATE values, so no calendar shows invented times.
A reconstructed example says so first in its DESCRIPTION and in X-KROKARM-RECONSTRUCTED (issue 16). Calendar apps
fetch these without a session, so they are public and cached like the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.dialogues import permissions, queries
from krokarm.dialogues.models import (
    NO_ORGANISER_NOTICE,
    RECONSTRUCTED_NOTICE,
    RECONSTRUCTED_SESSIONS_NOTICE,
    DialogueSession,
    Event,
)
from krokarm.lib import ical


def event_calendar_entry(event: Event, *, reconstructed_sessions: bool = False) -> ical.CalendarEvent:
    """One event as a VEVENT: the agenda is its description, the place (or the online meeting) its location.
    `reconstructed_sessions`: the event's sessions are reconstructed examples (the description says so)."""
    organiser = event.organiser.name if event.organiser else str(NO_ORGANISER_NOTICE)
    parts = [f"{event.get_kind_display()} – {_('arrangör')}: {organiser}", event.description]
    if event.reconstructed:
        parts.insert(0, f"{RECONSTRUCTED_NOTICE}.")
    elif reconstructed_sessions:
        parts.append(str(RECONSTRUCTED_SESSIONS_NOTICE))
    if event.agenda:
        parts.append(_("Program:") + "\n" + event.agenda)
    if event.online_url and event.place:
        parts.append(_("Digitalt möte: %(url)s") % {"url": event.online_url})
    start: dt.date | dt.datetime = event.starts_at
    end: dt.date | dt.datetime = event.ends_at
    if event.all_day:
        start = event.day
        end = max(timezone.localtime(event.ends_at).date(), start + dt.timedelta(days=1))  # exclusive
    entry: ical.CalendarEvent = {
        "uid": ical.uid("dialogue", event.pk),
        "start": start,
        "end": end,
        "summary": event.title,
        "description": "\n\n".join(part for part in parts if part),
        "url": event.get_absolute_url(),
        "stamp": event.updated_at,
    }
    location = event.place or event.online_url
    if location:
        entry["location"] = location
    if event.reconstructed:
        entry["reconstructed"] = True
    return entry


def _with_reconstructed_sessions(events: list[Event]) -> set[int]:
    """The ids of those `events` that hold reconstructed sessions (one query)."""
    sessions = DialogueSession.objects.filter(event__in=events, reconstructed=True)
    return set(sessions.values_list("event_id", flat=True))


def _response(events: list[ical.CalendarEvent], *, name: str, description: str = "") -> HttpResponse:
    body = ical.build_calendar(events, name=name, description=description)
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    return response


@require_GET
@cache_public_page
def calendar(request: HttpRequest) -> HttpResponse:
    """Every coming dialogue day, network meeting and webinar."""
    upcoming = list(queries.upcoming_events())
    marked = _with_reconstructed_sessions(upcoming)
    events = [event_calendar_entry(e, reconstructed_sessions=e.pk in marked) for e in upcoming]
    return _response(
        events,
        name=_("Dialoger i krokarm"),
        description=_("Dialogdagar, nätverksmöten och webbinarier där myndigheter och regioner möts (krokarm)."),
    )


@require_GET
@cache_public_page
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """One event, to add to a calendar (also a past one: the link stays valid)."""
    event = permissions.get_event(slug)
    entry = event_calendar_entry(event, reconstructed_sessions=event.pk in _with_reconstructed_sessions([event]))
    return _response([entry], name=event.title)
