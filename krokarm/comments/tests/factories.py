"""Personas and comments for the comment tests. Comments are written through the same actions as the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Responsibility
from krokarm.comments import actions
from krokarm.comments.models import Comment

# A seeded responsibility with a stable natural key (data/actors/agencies-kompetens.yaml).
ACTOR, TOPIC, ROLE = "arbetsformedlingen", "rekrytering-och-matchning", "leder"
THREAD_URL = f"/kommentarer/ansvar/{ACTOR}/{TOPIC}/{ROLE}/"


def responsibility() -> Responsibility:
    with zeal_ignore():  # tests read the same seeded row more than once on purpose
        return Responsibility.objects.select_related("actor", "theme").get(
            actor__slug=ACTOR, theme__slug=TOPIC, role=ROLE
        )


def reader(**values: Any) -> User:
    """Someone signed in who works for no actor."""
    return UserFactory.create(first_name="Rita", last_name="Läsare", **values)


def editor_of(slug: str, role: str = Affiliation.Role.EDITOR) -> User:
    user = UserFactory.create(first_name="Erik", last_name="Redaktör")
    affiliate(user, Actor.objects.get(slug=slug), role, source="test")
    return user


def coordinator() -> User:
    return UserFactory.create(first_name="Sara", last_name="Samordnare", is_staff=True)


def comment(target: Any = None, *, user: User | None = None, text: str = "Bra beskrivet!") -> Comment:
    return actions.post_comment(target or responsibility(), user=user or reader(), text=text)


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"comments:{name}", args=args)


def thread_args() -> tuple[str, str]:
    return "ansvar", f"{ACTOR}/{TOPIC}/{ROLE}"
