"""Two requests at the same instant, for the race tests: real threads, each with its own database connection
and its own signed-in client, released together by a barrier.

The race tests run in committed transactions (`django_db(transaction=True)`), and the database is emptied after
each one: so they make the few rows they need here instead of relying on the seeded reference data.

On SQLite the requests are let in one at a time. SQLite has one writer: in production (a file with
busy_timeout) a second writer waits for the first, which is what this reproduces. Django's in-memory test
database is shared-cache instead, where a second connection that meets a lock is refused at once ("database
table is locked") rather than waiting, which no deployment of krokarm does. On PostgreSQL they truly overlap.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.knowledge import actions
from krokarm.knowledge.models import Item


def at_once(*requests: Callable[[], Any]) -> list[Any]:
    """Run each request in its own thread, all released together; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(requests))
    one_writer = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results: list[Any] = [None] * len(requests)

    def run(index: int, request: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            with one_writer:
                results[index] = request()
        except BaseException as exc:  # reported by the test, never lost in the thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, request)) for n, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


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
