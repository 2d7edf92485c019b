"""Subscriptions to the regions' entry points: iCalendar files (all regions, or one) and an Atom feed of new
entry points. Calendar apps and feed readers fetch these without a session, so they are public and cached
like the pages (audit/cache.py)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.lib import ical
from krokarm.strategies import permissions
from krokarm.strategies.models import EntryPoint

ATOM_ITEMS = 30


def entry_points() -> QuerySet[EntryPoint]:
    """Entry points with what a calendar event names: the region (one query)."""
    return EntryPoint.objects.select_related("phase__process__region").order_by("opens_on", "pk")


def entry_point_event(entry: EntryPoint) -> ical.CalendarEvent:
    """An entry point as an all-day event over its window; DTEND is the day after the last day (exclusive)."""
    region = entry.phase.process.region
    description = "\n\n".join(
        [
            f"{entry.get_kind_display()} – {region.name}",
            entry.description,
            _("Sista dag: %(day)s") % {"day": date_format(entry.closes_on)},
        ]
    )
    return {
        "uid": ical.uid("entry-point", entry.pk),
        "start": entry.opens_on,
        "end": entry.closes_on + dt.timedelta(days=1),
        "summary": f"{region.name}: {entry.title}",
        "description": description,
        "url": reverse("strategies:entry_point", args=[entry.pk]),
        "stamp": entry.updated_at,
    }


def calendar_response(events: list[ical.CalendarEvent], *, name: str, description: str = "") -> HttpResponse:
    body = ical.build_calendar(events, name=name, description=description)
    return HttpResponse(body, content_type=ical.CONTENT_TYPE)


@require_GET
@cache_public_page
def calendar(request: HttpRequest) -> HttpResponse:
    """Every region's entry points, past and coming."""
    events = [entry_point_event(entry) for entry in entry_points()]
    return calendar_response(
        events,
        name=_("Regionernas ingångar för myndigheter"),
        description=_("När regionerna ber myndigheter om underlag, dialog, remissvar eller genomförande (krokarm)."),
    )


@require_GET
@cache_public_page
def region_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """One region's entry points; 404 for anything but a region."""
    region = permissions.get_region_for_viewing(request.user, slug)
    events = [entry_point_event(entry) for entry in entry_points().filter(phase__process__region=region)]
    return calendar_response(events, name=_("%(region)s: ingångar för myndigheter") % {"region": region.name})


class NewEntryPointsFeed(Feed):
    """The newest entry points first, as Atom: for agencies that want to know when a region asks."""

    feed_type = Atom1Feed
    title = gettext_lazy("Nya ingångar för myndigheter – krokarm")
    subtitle = gettext_lazy("När en region ber myndigheter om underlag, dialog, remissvar eller genomförande.")

    def link(self) -> str:
        return reverse("strategies:overview")

    def items(self) -> QuerySet[EntryPoint]:
        return EntryPoint.objects.select_related("phase__process__region").order_by("-created_at", "-pk")[:ATOM_ITEMS]

    def item_title(self, item: EntryPoint) -> str:
        return f"{item.phase.process.region.name}: {item.title}"

    def item_description(self, item: EntryPoint) -> str:
        return _("%(kind)s. %(text)s Öppnar %(opens)s, sista dag %(closes)s.") % {
            "kind": item.get_kind_display(),
            "text": item.description,
            "opens": item.opens_on.isoformat(),
            "closes": item.closes_on.isoformat(),
        }

    def item_link(self, item: EntryPoint) -> str:
        return reverse("strategies:entry_point", args=[item.pk])

    def item_pubdate(self, item: EntryPoint) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: EntryPoint) -> dt.datetime:
        return item.updated_at


new_entry_points = require_GET(cache_public_page(NewEntryPointsFeed()))
