"""Personas, follows and notifications for the notification tests. Follows go through the same action as
the button; notifications are made directly, in the states a list or a digest meets (unread, read, e-mailed)."""

from __future__ import annotations

from typing import Any, cast

import factory
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.cases.tests.factories import coordinator, make_case, officer_of
from krokarm.notifications import actions
from krokarm.notifications.models import Follow, Notification

__all__ = ["coordinator", "make_case", "officer_of"]

AF = "arbetsformedlingen"


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Arbetsförmedlingen har uppdaterat sin profil ({n}).")
    url = "/aktorer/arbetsformedlingen/"

    class Params:
        read = factory.Trait(read_at=factory.LazyFunction(timezone.now))
        emailed = factory.Trait(emailed_at=factory.LazyFunction(timezone.now))


def notification(user: User, **values: Any) -> Notification:
    """An unread notification for `user`; `read=True` or `emailed=True` for those states."""
    return cast(Notification, NotificationFactory(user=user, **values))


def notifications(count: int, user: User, **values: Any) -> list[Notification]:
    return cast(list[Notification], NotificationFactory.create_batch(count, user=user, **values))


def reader(**values: Any) -> User:
    """Someone signed in who works for no actor (the persona "a member of the public with an account")."""
    return cast(User, UserFactory(**{"first_name": "Rita", "last_name": "Läsare", **values}))


def actor(slug: str = AF) -> Actor:
    with zeal_ignore():  # tests read the same seeded row more than once on purpose
        return Actor.objects.get(slug=slug)


def following(user: User, target: Any) -> Follow:
    return actions.follow(user, target, source="test")


def texts(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client
