"""Reads the network pages, the joint spaces and their calendars share, with fixed query counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from krokarm.accounts.models import Affiliation, User
from krokarm.actors.models import Actor, Membership
from krokarm.lib import ical
from krokarm.networks.models import Link, Meeting, Post
from krokarm.strategies.feeds import entry_point_event
from krokarm.strategies.feeds import entry_points as all_entry_points
from krokarm.strategies.models import EntryPoint


def networks() -> list[Actor]:
    """Every network with its member count (`member_count`) and its joint spaces (`link_list`): 2 queries."""
    return list(
        Actor.objects.filter(kind=Actor.Kind.NETWORK)
        .annotate(member_count=Count("memberships"))
        .prefetch_related(Prefetch("network_links", queryset=Link.objects.order_by("name"), to_attr="link_list"))
        .order_by("name")
    )


def memberships(networks: Iterable[Actor]) -> list[Membership]:
    """The member organisations of `networks`, coordinating organisations first, then by name (one query)."""
    return list(
        Membership.objects.filter(network__in=list(networks))
        .select_related("member")
        .order_by("network_id", "role", "member__name")
    )


def coordinators(network: Actor) -> list[User]:
    """The people who coordinate the network for the network itself (its admins and editors), by name."""
    roles = [Affiliation.Role.ADMIN, Affiliation.Role.EDITOR]
    return list(
        User.objects.filter(affiliations__actor=network, affiliations__role__in=roles, is_active=True)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def links_of(network: Actor) -> list[Link]:
    return list(Link.objects.filter(networks=network).order_by("name"))


def posts(*, network: Actor | None = None, link: Link | None = None) -> QuerySet[Post]:
    """A space's posts, newest first, with author and organisation."""
    queryset = Post.objects.select_related("author", "author_organisation").order_by("-created_at", "-pk")
    return queryset.filter(link=link) if link is not None else queryset.filter(network=network)


def meetings(networks: Iterable[Actor]) -> QuerySet[Meeting]:
    return Meeting.objects.filter(network__in=list(networks)).select_related("network").order_by("starts_at", "pk")


def entry_points_for_members(member_ids: Iterable[int]) -> QuerySet[EntryPoint]:
    """Entry points that concern a network's members: asked by a member region, or inviting a member."""
    ids = list(member_ids)
    matching = EntryPoint.objects.filter(Q(phase__process__region__in=ids) | Q(invited__in=ids)).values("pk")
    return all_entry_points().filter(pk__in=matching)


@dataclass(frozen=True)
class CalendarItem:
    """A meeting or an entry point, as the calendar on a page lists it."""

    kind: str  # "meeting" or "entry_point"
    title: str
    url: str
    first_day: dt.date
    last_day: dt.date
    who: str  # the network that meets, or the region that asks
    place: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    what: str = ""  # an entry point's kind
    description: str = ""
    pk: int = 0
    network_slug: str = ""  # a meeting's network, for its coordinators' buttons
    version: int = 0  # a meeting's version: cancelling it after someone changed it is refused


def _meeting_item(meeting: Meeting) -> CalendarItem:
    return CalendarItem(
        kind="meeting",
        title=meeting.title,
        url=meeting.get_absolute_url(),
        first_day=timezone.localtime(meeting.starts_at).date(),
        last_day=timezone.localtime(meeting.ends_at).date(),
        who=meeting.network.display_short_name,
        place=meeting.place,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        description=meeting.description,
        pk=meeting.pk,
        network_slug=meeting.network.slug,
        version=meeting.version,
    )


def _entry_point_item(entry: EntryPoint) -> CalendarItem:
    return CalendarItem(
        kind="entry_point",
        title=entry.title,
        url=reverse("strategies:entry_point", args=[entry.pk]),
        first_day=entry.opens_on,
        last_day=entry.closes_on,
        who=entry.phase.process.region.name,
        what=entry.get_kind_display(),
    )


def calendar(
    meetings: Iterable[Meeting], entry_points: Iterable[EntryPoint], today: dt.date
) -> tuple[list[CalendarItem], list[CalendarItem]]:
    """(coming, past): what has not ended yet, soonest first; what has ended, latest first."""
    items = [_meeting_item(m) for m in meetings] + [_entry_point_item(e) for e in entry_points]
    coming = sorted((i for i in items if i.last_day >= today), key=lambda i: (i.first_day, i.last_day, i.title))
    past = sorted((i for i in items if i.last_day < today), key=lambda i: (i.last_day, i.first_day), reverse=True)
    return coming, past


def meeting_event(meeting: Meeting) -> ical.CalendarEvent:
    description = meeting.description or meeting.network.name
    return {
        "uid": ical.uid("meeting", meeting.pk),
        "start": meeting.starts_at,
        "end": meeting.ends_at,
        "summary": f"{meeting.network.display_short_name}: {meeting.title}",
        "description": description,
        "url": meeting.get_absolute_url(),
        "stamp": meeting.updated_at,
        "location": meeting.place,
    }


def calendar_events(meetings: Iterable[Meeting], entry_points: Iterable[EntryPoint]) -> list[ical.CalendarEvent]:
    return [meeting_event(m) for m in meetings] + [entry_point_event(e) for e in entry_points]
