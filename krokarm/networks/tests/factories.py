"""Personas and network data for the networks tests, written through the same actions as the pages.

The seeded networks: the myndighetsnätverk (Tillväxtverket coordinates), the RUS-nätverket (Reglab coordinates,
every region is a member) and the joint space linking the two (data/networks/links.yaml). The personas: a
network coordinator (works for the network actor as editor), a member (works for a member organisation), a
member of another network only (Nationellt analysnätverk's SCB), a platform coordinator and anonymous visitors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.networks import actions
from krokarm.networks.models import Link, Meeting, Post

AGENCY_NETWORK = "myndighetsnatverket"
RUS_NETWORK = "rus-natverket"
OTHER_NETWORK = "analysnatverket"
LINK = "myndighetsnatverket-och-rus-natverket"
REGION = "region-ostergotland"  # a member of the RUS-nätverket


def actor(slug: str) -> Actor:
    with zeal_ignore():  # tests read the same seeded rows more than once on purpose
        return Actor.objects.get(slug=slug)


def link(slug: str = LINK) -> Link:
    with zeal_ignore():
        return Link.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    """Someone who works for the actor `slug` in `role`."""
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def network_coordinator(network: str = RUS_NETWORK) -> User:
    return person(network, Affiliation.Role.EDITOR, first_name="Nora", last_name="Nätverksson")


def member(slug: str = REGION) -> User:
    return person(slug, first_name="Maja", last_name="Medlem")


def platform_coordinator() -> User:
    with zeal_ignore():
        return UserFactory.create(is_staff=True, first_name="Sam", last_name="Samordnare")


def outsider() -> User:
    """Works for SCB, a member of the analysis network but of neither linked network."""
    with zeal_ignore():
        from krokarm.actors.models import Membership

        scb = actor("scb")
        assert Membership.objects.filter(network__slug=OTHER_NETWORK, member=scb).exists()
        assert not Membership.objects.filter(network__slug__in=[AGENCY_NETWORK, RUS_NETWORK], member=scb).exists()
    return person("scb", first_name="Olle", last_name="Utanför")


def in_days(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def make_meeting(network: str = RUS_NETWORK, *, days: int = 7, title: str = "Nätverksträff", **values: Any) -> Meeting:
    with zeal_ignore():
        return actions.create_meeting(
            actor(network),
            user=values.pop("user", None),
            title=title,
            starts_at=in_days(days),
            ends_at=in_days(days, 12),
            place=values.pop("place", "Tillväxtverket, Stockholm"),
            description=values.pop("description", "Vi går igenom RUS-arbetet."),
        )


def make_post(
    *, network: str | None = RUS_NETWORK, in_link: Link | None = None, user: User | None = None, title: str = "Hej"
) -> Post:
    with zeal_ignore():
        return actions.write_post(
            user=user,
            network=actor(network) if network and in_link is None else None,
            link=in_link,
            organisation=actor(REGION),
            title=title,
            body="Hur har ni lagt upp dialogen?",
        )


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"networks:{name}", args=args)
