"""Requests at the same instant, for the challenges' and networks' race tests (test_races.py).

Each request runs in its own thread with its own database connection, through its own test client
(krokarm.lib.testing.at_once), on the committed copy of the seeded database the `committed_db` fixture gives.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.lib.testing import at_once


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
    """An organisation of this test's own, so the test reads without knowing the reference data."""
    with zeal_ignore():
        name = slug.replace("-", " ").title()
        return Actor.objects.get_or_create(slug=slug, defaults={"kind": kind, "name": name})[0]


def editor_of(organisation: Actor) -> User:
    with zeal_ignore():  # tests make several people the same way on purpose
        user = UserFactory.create()
        affiliate(user, organisation, Affiliation.Role.EDITOR, source="test")
    return user
