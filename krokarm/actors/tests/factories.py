"""Factories for the directory. Actors made here go through the same action as the seed."""

from __future__ import annotations

from typing import Any

import factory

from krokarm.actors import actions
from krokarm.actors.models import Actor, Membership, Responsibility, Theme


def make_actor(slug: str, *, kind: str = "agency", name: str | None = None, **values: Any) -> Actor:
    actor = Actor()
    actions.save_actor(actor, {"slug": slug, "kind": kind, "name": name or slug.title(), **values}, source="test")
    return actor


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"test-topic-{n}")
    name = factory.Sequence(lambda n: f"Testämne {n}")
    kind = Theme.Kind.TOPIC
    parent = factory.LazyFunction(lambda: Theme.objects.get(slug="kompetensforsorjning"))


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    actor = factory.LazyFunction(lambda: make_actor(f"test-actor-{Actor.objects.count()}"))
    theme = factory.SubFactory(ThemeFactory)
    role = Responsibility.Role.LEADS
    description = "Ansvarar för testet."
    source_url = "https://example.se/kalla"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    role = Membership.Role.MEMBER
