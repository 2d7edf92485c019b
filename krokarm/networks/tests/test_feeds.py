"""The iCalendar feeds (strategies and networks) and the Atom feed of new entry points."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar
from zeal import zeal_ignore

from krokarm.networks.tests.factories import AGENCY_NETWORK, LINK, RUS_NETWORK, make_meeting, url
from krokarm.strategies.models import EntryPoint

pytestmark = pytest.mark.django_db

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL")


def events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and "krokarm" in str(calendar["PRODID"])
    found = list(calendar.walk("VEVENT"))
    for event in found:
        missing = [prop for prop in REQUIRED if prop not in event]
        assert not missing, f"{event.get('UID')} lacks {missing}"
        assert str(event["URL"]).startswith("http://testserver.example/")
    return found


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    settings.SITE_URL = "http://testserver.example"


def by_uid(found: list[Any]) -> dict[str, Any]:
    return {str(event["UID"]): event for event in found}


def test_the_strategies_calendar_has_every_entry_point_as_an_all_day_event_with_an_exclusive_end(client: Any) -> None:
    with zeal_ignore():
        entries = list(EntryPoint.objects.all())
    assert entries, "the seeded strategies have entry points"
    found = by_uid(events(client.get(reverse("strategies:calendar"))))
    assert len(found) == len(entries)
    for entry in entries:
        event = found[f"entry-point-{entry.pk}@testserver.example"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime)
        assert start == entry.opens_on and end == entry.closes_on + dt.timedelta(days=1)
        assert entry.title in str(event["SUMMARY"])
        assert str(event["URL"]) == f"http://testserver.example/strategier/ingang/{entry.pk}/"


def test_a_regions_calendar_has_only_its_entry_points(client: Any) -> None:
    with zeal_ignore():
        region_slug = EntryPoint.objects.values_list("phase__process__region__slug", flat=True).first()
        expected = EntryPoint.objects.filter(phase__process__region__slug=region_slug).count()
    found = events(client.get(reverse("strategies:region_calendar", args=[region_slug])))
    assert len(found) == expected > 0


def test_a_calendar_for_something_that_is_not_a_region_is_404(client: Any) -> None:
    assert client.get(reverse("strategies:region_calendar", args=["arbetsformedlingen"])).status_code == 404


def test_text_is_escaped_by_the_library(client: Any) -> None:
    meeting = make_meeting(title="Möte; om RUS, och\nannat", description="Rad ett\nrad två; tre, fyra")
    body = client.get(url("calendar", RUS_NETWORK)).content.decode()
    assert "SUMMARY:RUS-nätverket: Möte\\; om RUS\\, och\\nannat" in body
    event = by_uid(events(client.get(url("calendar", RUS_NETWORK))))[f"meeting-{meeting.pk}@testserver.example"]
    assert str(event["DESCRIPTION"]) == "Rad ett\nrad två; tre, fyra"


def test_a_networks_calendar_has_its_meetings_in_utc_and_the_entry_points_of_its_members(client: Any) -> None:
    meeting = make_meeting(RUS_NETWORK)
    other = make_meeting(AGENCY_NETWORK, title="Myndighetsmöte")
    found = by_uid(events(client.get(url("calendar", RUS_NETWORK))))
    event = found[f"meeting-{meeting.pk}@testserver.example"]
    assert event.decoded("DTSTART") == meeting.starts_at and event.decoded("DTEND") == meeting.ends_at
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert str(event["LOCATION"]) == "Tillväxtverket, Stockholm"
    assert str(event["URL"]) == f"http://testserver.example/natverk/{RUS_NETWORK}/#mote-{meeting.pk}"
    assert f"meeting-{other.pk}@testserver.example" not in found
    # Every region is a member of the RUS-nätverket, so every entry point concerns it.
    with zeal_ignore():
        assert sum(uid.startswith("entry-point-") for uid in found) == EntryPoint.objects.count()


def test_the_joint_calendar_has_both_networks_meetings_and_the_entry_points(client: Any) -> None:
    ours, theirs = make_meeting(RUS_NETWORK), make_meeting(AGENCY_NETWORK, title="Myndighetsmöte")
    found = by_uid(events(client.get(url("link-calendar", LINK))))
    assert {f"meeting-{ours.pk}@testserver.example", f"meeting-{theirs.pk}@testserver.example"} <= set(found)
    with zeal_ignore():
        assert sum(uid.startswith("entry-point-") for uid in found) == EntryPoint.objects.count()


def test_uids_are_stable_between_downloads(client: Any) -> None:
    make_meeting()
    first = sorted(by_uid(events(client.get(url("link-calendar", LINK)))))
    second = sorted(by_uid(events(client.get(url("link-calendar", LINK) + "?igen=1"))))
    assert first == second


def test_unknown_calendars_are_404(client: Any) -> None:
    assert client.get(url("calendar", "finns-inte")).status_code == 404
    assert client.get(url("calendar", "arbetsformedlingen")).status_code == 404
    assert client.get(url("link-calendar", "finns-inte")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/strategier/kalender.ics",
        "/strategier/nya-ingangar.atom",
        f"/natverk/{RUS_NETWORK}/kalender.ics",
        f"/natverk/samverkan/{LINK}/kalender.ics",
    ],
)
def test_feeds_refuse_post(client: Any, path: str) -> None:
    assert client.post(path).status_code == 405


def test_the_atom_feed_lists_the_newest_entry_points(client: Any) -> None:
    response = client.get(reverse("strategies:new_entry_points"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    with zeal_ignore():
        newest = EntryPoint.objects.select_related("phase__process__region").order_by("-created_at", "-pk").first()
        assert len(entries) == min(EntryPoint.objects.count(), 30) > 0
    assert newest is not None
    first = entries[0]
    assert newest.title in (first.findtext("atom:title", namespaces=ns) or "")
    link = first.find("atom:link", ns)
    assert link is not None and link.get("href", "").endswith(f"/strategier/ingang/{newest.pk}/")
    assert first.findtext("atom:updated", namespaces=ns)


def test_feeds_run_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    make_meeting(RUS_NETWORK)
    make_meeting(AGENCY_NETWORK)
    # data version, entry points with regions
    with django_assert_num_queries(2):
        client.get(reverse("strategies:calendar"))
    # data version, region, entry points
    with django_assert_num_queries(3):
        client.get(reverse("strategies:region_calendar", args=["region-ostergotland"]))
    # data version, link, its networks, meetings, entry points
    with django_assert_num_queries(5):
        client.get(url("link-calendar", LINK))
    # data version, network, member ids, meetings, entry points
    with django_assert_num_queries(5):
        client.get(url("calendar", RUS_NETWORK))
    # data version, entry points
    with django_assert_num_queries(2):
        client.get(reverse("strategies:new_entry_points"))
