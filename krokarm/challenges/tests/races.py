"""Running requests at the same instant, for the race tests (test_races.py).

Each request runs in its own thread with its own database connection, through its own test client, and all
start together at a barrier. The race tests are transactional (what one thread commits, the other sees), so the
test database is emptied after each one: they make the few rows they need themselves, and `reseeded_afterwards`
loads the reference data again when the module is done, for the tests that expect it (krokarm/conftest.py).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor

WAIT = 20  # seconds a thread waits for the other at the barrier before the test fails


def at_once(*requests: Callable[[], Any]) -> list[Any]:
    """Run each of `requests` in its own thread, all starting together; their results (or exceptions) in order.

    On SQLite they take turns after the barrier, in whichever order they reach it: the in-memory test database
    is shared between threads through SQLite's shared cache, which refuses a second writer at once ("database
    table is locked") where the site's file database (WAL, busy_timeout) makes it wait for the first. Taking
    turns is what the site's database does, so the second request still shows what a person would get.
    """
    barrier = threading.Barrier(len(requests))
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results: list[Any] = [None] * len(requests)

    def run(index: int, request: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=WAIT)
            with turns:
                results[index] = request()
        except Exception as exc:  # reported by the test's assertions, with the exception as the "status"
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    return results


def post_at_once(address: str, *sent: tuple[Client, dict[str, Any]]) -> list[Any]:
    """Each (client, form data) posted to `address` at the same instant."""
    return at_once(*(lambda client=client, data=data: client.post(address, data) for client, data in sent))


def statuses(responses: list[Any]) -> list[Any]:
    """The responses' status codes, lowest first (an exception stands for itself, so a failing test shows it)."""
    return sorted((getattr(r, "status_code", r) for r in responses), key=str)


def signed_in(user: User) -> Client:
    client = Client()
    with zeal_ignore():  # signing in reads the session table in a loop by design
        client.force_login(user)
    return client


def actor(slug: str, kind: str = Actor.Kind.AGENCY) -> Actor:
    """An organisation of this test's own (the reference data is not there in a transactional test)."""
    with zeal_ignore():
        name = slug.replace("-", " ").title()
        return Actor.objects.get_or_create(slug=slug, defaults={"kind": kind, "name": name})[0]


def editor_of(organisation: Actor) -> User:
    with zeal_ignore():  # tests make several people the same way on purpose
        user = UserFactory.create()
        affiliate(user, organisation, Affiliation.Role.EDITOR, source="test")
    return user


@pytest.fixture(scope="module")
def reseeded_afterwards(django_db_blocker: Any) -> Iterator[None]:
    """Load the reference data again once the module's transactional tests have emptied the database."""
    yield
    with django_db_blocker.unblock():
        call_command("seed", verbosity=0)
