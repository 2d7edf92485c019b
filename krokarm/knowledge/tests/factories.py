"""Personas and items for the knowledge tests. Items, requests and reuses go through the same actions as the pages.

The personas: an editor of the owner (Arbetsförmedlingen), a member of another organisation (CSN) who asks and
reuses, an editor of a third organisation (Region Skåne), and anonymous visitors.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.knowledge import actions
from krokarm.knowledge.models import AccessRequest, Item, Reuse

OWNER = "arbetsformedlingen"
OTHER = "csn"
SECRET_LINK = "https://intra.example.se/hemlig-rapport.pdf"


def actor(slug: str) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def editor(slug: str = OWNER) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Erik", last_name="Redaktör")


def member(slug: str = OTHER) -> User:
    return person(slug, first_name="Maja", last_name="Medlem")


def make_item(
    owner: str = OWNER,
    *,
    user: User | None = None,
    title: str = "Yrkesprognos för länet",
    kind: str = Item.Kind.REPORT,
    access: str = Item.Access.OPEN,
    link: str = "https://example.se/rapport.pdf",
    themes: tuple[str, ...] = ("prognoser-och-analys",),
    regions: tuple[str, ...] = (),
) -> Item:
    with zeal_ignore():
        return actions.create_item(
            owner=actor(owner),
            user=user,
            kind=kind,
            title=title,
            summary="En prognos över vilka yrken som behövs.",
            themes=list(Theme.objects.filter(slug__in=themes)),
            regions=list(Actor.objects.filter(slug__in=regions)),
            link=link,
            access=access,
        )


def secret_item(**kwargs: Any) -> Item:
    return make_item(access=Item.Access.ON_REQUEST, link=SECRET_LINK, title="Intern analys", **kwargs)


def ask(item: Item, user: User | None = None, slug: str = OTHER) -> AccessRequest:
    user = user or member(slug)
    with zeal_ignore():
        return actions.request_access(item, user=user, actor=actor(slug), message="Vi vill använda den.")


def answer(found: AccessRequest, user: User, *, grant: bool = True) -> AccessRequest:
    with zeal_ignore():
        return actions.answer_request(found, user=user, grant=grant, answer="Varsågoda.")


def reuse(item: Item, slug: str = OTHER, user: User | None = None) -> Reuse:
    user = user or member(slug)
    with zeal_ignore():
        return actions.record_reuse(item, user=user, actor=actor(slug), text="Vi använde den i vår planering.")


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"knowledge:{name}", args=args)
