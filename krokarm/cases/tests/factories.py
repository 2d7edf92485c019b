"""Factories and personas for cases. Cases are made through the same action as the web form."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlsplit

from django.urls import resolve
from zeal import zeal_ignore

from krokarm.accounts.actions import hash_token
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.cases import actions
from krokarm.cases.models import Case


def make_case(
    actor_slug: str = "arbetsformedlingen", *, question: str = "Hur får jag hjälp att hitta jobb?", **values: Any
) -> Case:
    return send_case(actor_slug, question=question, **values).case


def send_case(
    actor_slug: str = "arbetsformedlingen", *, question: str = "Hur får jag hjälp att hitta jobb?", **values: Any
) -> actions.NewCase:
    """A case with the key to its status page, as only the asker has it."""
    with zeal_ignore():  # tests make several cases in a row, one query each by design
        actor = Actor.objects.get(slug=actor_slug)
        return actions.submit_case(question=question, actor=actor, **values)


def leads_to(address: str, case: Case) -> bool:
    """Whether a status page's address (from a redirect or an e-mail) holds the key of `case`."""
    match = resolve(urlsplit(address).path)
    return match.view_name == "cases:status" and hash_token(match.kwargs["token"]) == case.token_hash


def officer_of(actor_slug: str, **values: Any) -> User:
    """A person who works for the actor (the persona "agency officer")."""
    with zeal_ignore():
        user = cast(User, UserFactory(**values))
        Affiliation.objects.create(user=user, actor=Actor.objects.get(slug=actor_slug))
    return user


def coordinator() -> User:
    from django.contrib.auth.models import Group

    from krokarm.accounts.permissions import COORDINATORS_GROUP

    user = cast(User, UserFactory(email="samordnare@example.se"))
    user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def everyone_receives(**values: Any) -> User:
    """One officer who works for every actor, so that every actor the way in finds can receive a case
    (accounts.queries.receiving_slugs): for tests about sending, not about who may receive. `values` go to the
    user (e.g. `email=""` for an officer who gets no e-mail)."""
    with zeal_ignore():
        user = cast(User, UserFactory(**values))
        Affiliation.objects.bulk_create(Affiliation(user=user, actor=actor) for actor in Actor.objects.all())
    return user
