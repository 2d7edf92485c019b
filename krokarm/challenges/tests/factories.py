"""Personas and challenges for the challenges tests, written through the same actions as the pages.

The personas: an agency's editor (Arbetsförmedlingen, which leads the test challenge), a region's editor
(Region Östergötland), an editor of another region (Region Skåne), a plain member, a coordinator and
anonymous visitors. The seeded challenges (data/challenges/) are there too; tests make their own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.challenges import actions
from krokarm.challenges.models import Approach, Challenge, Participant

AGENCY = "arbetsformedlingen"
REGION = "region-ostergotland"
OTHER_REGION = "region-skane"
SEEDED = "kompetensforsorjning-for-industrietableringarna-i-norr"


def actor(slug: str) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    """Someone who works for the actor `slug` in `role`."""
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def editor(slug: str = AGENCY) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Eva", last_name="Redaktör")


def region_editor(slug: str = REGION) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Rut", last_name="Regionsson")


def coordinator() -> User:
    with zeal_ignore():
        user = UserFactory.create(first_name="Sam", last_name="Samordnare")
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def make_challenge(
    lead: str = AGENCY,
    *,
    user: User | None = None,
    title: str = "Fler yrkesutbildade i hela landet",
    kind: str = Challenge.Kind.GENERAL,
    themes: tuple[str, ...] = ("kompetensforsorjning",),
    outcomes: tuple[tuple[str, str], ...] = (("Fler har en yrkesutbildning", "Antal examinerade per år"),),
) -> Challenge:
    with zeal_ignore():
        return actions.propose_challenge(
            user=user,
            lead=actor(lead),
            title=title,
            goal="Arbetsgivare i alla län hittar yrkesutbildad personal.",
            kind=kind,
            themes=list(Theme.objects.filter(slug__in=themes)),
            outcomes=outcomes,
        )


def make_participant(
    challenge: Challenge, slug: str = "skolverket", role: str = Participant.Role.CONTRIBUTES
) -> Participant:
    with zeal_ignore():
        return actions.add_participant(challenge, user=None, actor=actor(slug), role=role)


def make_approach(challenge: Challenge, region: str = REGION, **values: Any) -> Approach:
    with zeal_ignore():
        approach, _changes = actions.save_approach(
            challenge,
            user=values.pop("user", None),
            region=actor(region),
            summary=values.pop("summary", "Kompetensplattformen samlar arbetsgivare och skolor."),
            measures=values.pop("measures", "Branschråd\nYrkesvux"),
            **values,
        )
        return approach


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"challenges:{name}", args=args)
