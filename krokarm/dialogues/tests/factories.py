"""Personas, events, sessions, proposals and follow-up actions for the dialogues tests. Everything is written
through the same actions as the pages.

The personas: an editor of the organiser (Tillväxtverket), a region's member (Region Östergötland), an
agency officer (Arbetsförmedlingen), the editor of a follow-up action's owner (Svenska ESF-rådet), a platform
coordinator and anonymous visitors. Events made here are in the future (registration open) unless a test
asks for times in the past.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.dialogues import actions
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal, Registration

ORGANISER = "tillvaxtverket"
REGION = "region-ostergotland"
AGENCY = "arbetsformedlingen"
OWNER = "esf-radet"


def actor(slug: str) -> Actor:
    with zeal_ignore():  # tests read the same seeded rows more than once on purpose
        return Actor.objects.get(slug=slug)


def theme(slug: str = "kompetensforsorjning") -> Theme:
    with zeal_ignore():
        return Theme.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    """Someone who works for the actor `slug` in `role`."""
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def organiser_editor(slug: str = ORGANISER) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Olle", last_name="Arrangör")


def region_member(slug: str = REGION) -> User:
    return person(slug, first_name="Rut", last_name="Regionsson")


def officer(slug: str = AGENCY) -> User:
    return person(slug, first_name="Anna", last_name="Handläggare")


def owner_editor(slug: str = OWNER) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Ebba", last_name="Ägare")


def coordinator() -> User:
    with zeal_ignore():
        user = UserFactory.create(first_name="Sam", last_name="Samordnare")
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def make_event(
    organiser: str = ORGANISER,
    *,
    user: User | None = None,
    title: str = "Dialogdag om kompetensförsörjning",
    kind: str = Event.Kind.DIALOGUE_DAY,
    starts_in: dt.timedelta = dt.timedelta(days=30),
    hours: int = 6,
    capacity: int | None = None,
    closes_in: dt.timedelta | None = None,
    invited: tuple[str, ...] = (REGION, AGENCY),
    **values: Any,
) -> Event:
    """An event `starts_in` from now (negative: in the past), lasting `hours`; registration closes
    `closes_in` from now when given."""
    starts_at = (timezone.now() + starts_in).replace(microsecond=0)
    with zeal_ignore():
        return actions.create_event(
            user=user,
            organiser=actor(organiser),
            title=title,
            kind=kind,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=hours),
            capacity=capacity,
            registration_closes_at=timezone.now() + closes_in if closes_in is not None else None,
            invited=list(Actor.objects.filter(slug__in=invited)),
            **values,
        )


def make_past_event(**values: Any) -> Event:
    return make_event(starts_in=-dt.timedelta(days=60), **values)


def make_session(
    event: Event,
    *,
    user: User | None = None,
    title: str = "Kompetensförsörjning – en splittrad fråga",
    facilitator: User | None = None,
    **values: Any,
) -> DialogueSession:
    with zeal_ignore():
        return actions.add_session(
            event,
            user=user,
            title=title,
            theme=theme(),
            facilitator=facilitator,
            participants=list(Actor.objects.filter(slug__in=(REGION, AGENCY))),
            **values,
        )


def make_note(
    session: DialogueSession,
    *,
    user: User | None = None,
    kind: str = Note.Kind.INSIGHT,
    text: str = "Det behövs en gemensam väg in.",
) -> Note:
    with zeal_ignore():
        return actions.capture_note(session, user=user, kind=kind, text=text)


def make_proposal(
    session: DialogueSession | None = None,
    *,
    user: User | None = None,
    title: str = "En gemensam väg in för kompetensförsörjning",
    text: str = "Samla frågorna på ett ställe och hjälp den som frågar att hitta rätt myndighet.",
) -> Proposal:
    session = session or make_session(make_past_event())
    with zeal_ignore():
        return actions.capture_proposal(session, user=user, title=title, text=text, theme=theme())


def make_followup(
    proposal: Proposal | None = None,
    *,
    user: User | None = None,
    owner: str = OWNER,
    title: str = "Publicera en matris över EU-programmen",
    due_on: dt.date | None = None,
    link: str = "/finansiering/matris/",
) -> FollowUp:
    proposal = proposal or make_proposal()
    with zeal_ignore():
        return actions.create_followup(
            proposal,
            user=user,
            title=title,
            owner=actor(owner),
            due_on=due_on or timezone.localdate() + dt.timedelta(days=90),
            link=link,
        )


def make_registration(event: Event, user: User | None = None, slug: str = REGION) -> Registration:
    user = user or person(slug)
    with zeal_ignore():
        return actions.register(event, user=user, actor=actor(slug))


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"dialogues:{name}", args=args)
