"""A small world of its own for the race tests (two organisations, their people, one item), and signed-in clients:
each test starts with an item nobody has touched, and what it asserts about counts is about that item alone.

The race tests run on a committed copy of the seeded database (the `committed_db` fixture) and start their requests
together with `krokarm.lib.testing.at_once`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.knowledge import actions
from krokarm.knowledge.models import Item


def signed_in(user: User) -> Client:
    client = Client()
    with zeal_ignore():
        client.force_login(user)
    return client


@dataclass
class World:
    """An owner organisation with two editors, another organisation with two members, and an item shared on
    request by the owner."""

    owner: Actor
    other: Actor
    editors: tuple[User, User]
    members: tuple[User, User]
    item: Item


def world(*, access: str = Item.Access.ON_REQUEST) -> World:
    with zeal_ignore():  # set-up, not the code under test
        return _world(access)


def _world(access: str) -> World:
    tag = uuid.uuid4().hex[:8]
    owner = Actor.objects.create(slug=f"agare-{tag}", kind=Actor.Kind.AGENCY, name=f"Ägarverket {tag}")
    other = Actor.objects.create(slug=f"fragare-{tag}", kind=Actor.Kind.AGENCY, name=f"Frågeverket {tag}")
    editors = (person(owner, Affiliation.Role.EDITOR), person(owner, Affiliation.Role.EDITOR))
    members = (person(other, Affiliation.Role.MEMBER), person(other, Affiliation.Role.MEMBER))
    item = actions.create_item(
        owner=owner,
        user=None,
        kind=Item.Kind.ANALYSIS,
        title="Analys av länets kompetensbehov",
        summary="Vilka yrken behövs de närmaste åren.",
        link="https://example.se/analys.pdf",
        access=access,
    )
    return World(owner, other, editors, members, item)


def person(actor: Actor, role: str) -> User:
    user = UserFactory.create()
    affiliate(user, actor, role, source="test")
    return user
