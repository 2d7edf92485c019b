"""Calendar subscriptions to dialogues: every coming event, or one event, as iCalendar (krokarm/lib/ical.py).

Events have times, so DTSTART and DTEND are date-times (written in UTC, which every client turns into its own
time zone). Calendar apps fetch these without a session, so they are public and cached like the pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.dialogues import permissions, queries
from krokarm.dialogues.models import Event
from krokarm.lib import ical


def event_calendar_entry(event: Event) -> ical.CalendarEvent:
    """One event as a VEVENT: the agenda is its description, the place (or the online meeting) its location."""
    parts = [f"{event.get_kind_display()} – {_('arrangör')}: {event.organiser.name}", event.description]
    if event.agenda:
        parts.append(_("Program:") + "\n" + event.agenda)
    if event.online_url and event.place:
        parts.append(_("Digitalt möte: %(url)s") % {"url": event.online_url})
    entry: ical.CalendarEvent = {
        "uid": ical.uid("dialogue", event.pk),
        "start": event.starts_at,
        "end": event.ends_at,
        "summary": event.title,
        "description": "\n\n".join(part for part in parts if part),
        "url": event.get_absolute_url(),
        "stamp": event.updated_at,
    }
    location = event.place or event.online_url
    if location:
        entry["location"] = location
    return entry


def _response(events: list[ical.CalendarEvent], *, name: str, description: str = "") -> HttpResponse:
    body = ical.build_calendar(events, name=name, description=description)
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    return response


@require_GET
@cache_public_page
def calendar(request: HttpRequest) -> HttpResponse:
    """Every coming dialogue day, network meeting and webinar."""
    events = [event_calendar_entry(event) for event in queries.upcoming_events()]
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
    return _response([event_calendar_entry(event)], name=event.title)
