"""People who meet the editing pages: an actor's editor, its member, another actor's editor, a coordinator."""

from __future__ import annotations

from typing import Any, cast

from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor


def person_at(actor_slug: str, role: str = Affiliation.Role.EDITOR, **values: Any) -> User:
    """A user who works for the actor in `role` (redaktor, medlem, organisationsadministrator)."""
    with zeal_ignore():
        user = cast(User, UserFactory(**values))
        affiliate(user, Actor.objects.get(slug=actor_slug), role, source="test")
    return user


def coordinator(**values: Any) -> User:
    from django.contrib.auth.models import Group

    from krokarm.accounts.permissions import COORDINATORS_GROUP

    with zeal_ignore():
        user = cast(User, UserFactory(**values))
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client
