"""Calendar subscriptions: every coming dialogue, or one, as iCalendar files that calendar apps read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.dialogues import queries
from krokarm.dialogues.models import Event
from krokarm.dialogues.tests.test_report import dialogue
from krokarm.lib import ical

pytestmark = pytest.mark.django_db


def webinar(slug: str = "webbinarium-om-rus", *, place: str = "", days: int = 20) -> Event:
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    with zeal_ignore():  # the test data looks the organiser up once per event
        organiser = Actor.objects.get(slug="tillvaxtverket")
    return Event.objects.create(
        slug=slug,
        title="Webbinarium: myndigheterna i RUS-processen – så når ni regionerna",
        kind=Event.Kind.WEBINAR,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1, minutes=30),
        place=place,
        online_url="https://möte.example.se/rus",
        organiser=organiser,
        description="Hur myndigheterna bidrar till de regionala utvecklingsstrategierna.",
        agenda="10:00 Välkomna\n10:15 Regionerna berättar",
    )


def read(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == ical.CONTENT_TYPE
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_calendar_has_one_event_per_coming_dialogue(client: Any) -> None:
    coming = webinar()
    later = webinar("natverksmote-i-mars", place="Region Skåne, Malmö", days=90)
    past = dialogue()
    events = read(client.get(reverse("dialogues:calendar")))
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)) == len(list(queries.upcoming_events()))
    assert ical.uid("dialogue", coming.pk) in uids and ical.uid("dialogue", later.pk) in uids
    assert ical.uid("dialogue", past.pk) not in uids


def test_an_event_has_timezone_aware_times_a_place_and_the_agenda(client: Any) -> None:
    event = webinar()
    (vevent,) = read(client.get(reverse("dialogues:event_calendar", args=[event.slug])))
    start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
    assert isinstance(start, dt.datetime) and start.tzinfo is not None and end.tzinfo is not None
    assert (start, end) == (event.starts_at, event.ends_at)
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["LOCATION"]) == "https://möte.example.se/rus"  # online only: the meeting is the place
    assert "10:15 Regionerna berättar" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]).endswith(f"/dialoger/{event.slug}/")
    assert vevent["DTSTAMP"].dt.tzinfo is not None


def test_a_place_is_the_location_of_a_meeting_in_a_room(client: Any) -> None:
    event = webinar("moteslokal", place="Region Skåne, Malmö")
    (vevent,) = read(client.get(reverse("dialogues:event_calendar", args=[event.slug])))
    assert str(vevent["LOCATION"]) == "Region Skåne, Malmö"
    assert "https://möte.example.se/rus" in str(vevent["DESCRIPTION"])


def test_a_past_event_still_has_its_own_calendar_file(client: Any) -> None:
    event = dialogue()
    (vevent,) = read(client.get(reverse("dialogues:event_calendar", args=[event.slug])))
    assert str(vevent["UID"]) == ical.uid("dialogue", event.pk)


def test_the_calendars_refuse_unknown_events_and_other_methods(client: Any) -> None:
    assert client.get(reverse("dialogues:event_calendar", args=["finns-inte"])).status_code == 404
    assert client.post(reverse("dialogues:calendar")).status_code == 405


def test_the_calendar_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(4):
        webinar(f"webbinarium-{number}", days=10 + number)
    with django_assert_max_num_queries(4):
        client.get(reverse("dialogues:calendar"))
