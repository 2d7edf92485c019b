"""Personas and needs for the needs tests. Needs and answers are written through the same actions as the pages.

The personas: a region's editor (Region Östergötland), an agency officer (Arbetsförmedlingen), a member of
another organisation (CSN, not invited), an editor of another region (Region Skåne) and anonymous visitors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.needs import actions
from krokarm.needs.models import Answer, Need

REGION = "region-ostergotland"
AGENCY = "arbetsformedlingen"


def actor(slug: str) -> Actor:
    with zeal_ignore():  # tests read the same seeded rows more than once on purpose
        return Actor.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    """Someone who works for the actor `slug` in `role`."""
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def region_editor(slug: str = REGION) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Rut", last_name="Regionsson")


def officer(slug: str = AGENCY) -> User:
    return person(slug, first_name="Anna", last_name="Handläggare")


def make_need(
    region: str = REGION,
    *,
    user: User | None = None,
    title: str = "Fler undersköterskor i länet",
    invited: tuple[str, ...] = (AGENCY,),
    themes: tuple[str, ...] = ("kompetensforsorjning",),
    needed_by: dt.date | None = dt.date(2026, 12, 31),
) -> Need:
    with zeal_ignore():
        return actions.create_need(
            region=actor(region),
            user=user,
            title=title,
            description="Vi behöver utbilda fler undersköterskor till vården i länet.",
            themes=list(Theme.objects.filter(slug__in=themes)),
            needed_by=needed_by,
            invited=list(Actor.objects.filter(slug__in=invited)),
        )


def make_answer(
    need: Need, *, user: User | None = None, slug: str = AGENCY, text: str = "Vi kan hjälpa till."
) -> Answer:
    user = user or officer(slug)
    with zeal_ignore():
        return actions.answer_need(need, user=user, actor=actor(slug), kind=Answer.Kind.OFFER, text=text)


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"needs:{name}", args=args)
