"""Personas and dated entry points for the strategy tests. Rows are written through the same actions as the pages.

The personas: an editor and a plain member of Region Östergötland (the region's staff), an officer of
Arbetsförmedlingen (the contributing organisation), an officer of CSN (another organisation), an editor of
Region Skåne (another region), a coordinator and anonymous visitors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.actions import affiliate
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import COORDINATORS_GROUP
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.strategies import actions, uploads
from krokarm.strategies.models import Contribution, EntryPoint, Phase, Process

REGION = "region-ostergotland"
AGENCY = "arbetsformedlingen"
OTHER_AGENCY = "csn"


def actor(slug: str) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


def person(slug: str, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def region_editor(slug: str = REGION) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Rut", last_name="Regionsson")


def region_member(slug: str = REGION) -> User:
    return person(slug, first_name="Mats", last_name="Medarbetare")


def officer(slug: str = AGENCY) -> User:
    return person(slug, first_name="Anna", last_name="Handläggare")


def coordinator() -> User:
    with zeal_ignore():
        user = UserFactory.create()
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def process(region: str = REGION) -> Process:
    with zeal_ignore():
        return Process.objects.select_related("region").filter(region__slug=region).order_by("title").first()  # type: ignore[return-value]


def phase(region: str = REGION, kind: str = Phase.Kind.CONSULTATION) -> Phase:
    with zeal_ignore():
        found = Phase.objects.select_related("process__region").filter(process__region__slug=region, kind=kind).first()
        if found is None:
            found = Phase.objects.create(process=process(region), kind=kind)
        return found


def open_entry_point(
    region: str = REGION,
    *,
    opened_days_ago: int = 10,
    closes_in_days: int = 20,
    title: str = "Remiss av det nya förslaget till utvecklingsstrategi",
    invited: tuple[str, ...] = (AGENCY,),
    themes: tuple[str, ...] = ("kompetensforsorjning",),
) -> EntryPoint:
    """An entry point of `region`, dated relative to today: open now unless the offsets say otherwise."""
    today = timezone.localdate()
    with zeal_ignore():
        return actions.create_entry_point(
            {
                "phase": phase(region),
                "kind": EntryPoint.Kind.CONSULTATION,
                "title": title,
                "description": "Vi vill ha era synpunkter på förslaget.",
                "opens_on": today - dt.timedelta(days=opened_days_ago),
                "closes_on": today + dt.timedelta(days=closes_in_days),
                "contact_name": "Rut Regionsson",
                "contact_email": "rut@example.se",
                "invited": list(Actor.objects.filter(slug__in=invited)),
                "themes": list(Theme.objects.filter(slug__in=themes)),
            },
            user=None,
            source="test",
        )


def closed_entry_point(region: str = REGION) -> EntryPoint:
    return open_entry_point(region, opened_days_ago=40, closes_in_days=-3, title="En stängd remiss")


def upcoming_entry_point(region: str = REGION) -> EntryPoint:
    return open_entry_point(region, opened_days_ago=-5, closes_in_days=30, title="En kommande dialog")


def upload(name: str = "remissvar.pdf", kind: str = "pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, uploads.sample(kind) if content is None else content)


def contribute(
    entry: EntryPoint, *, user: User | None = None, slug: str = AGENCY, text: str = "Vårt remissvar.", files: int = 1
) -> Contribution:
    user = user or officer(slug)
    pdf = uploads.KINDS["pdf"]
    with zeal_ignore():
        return actions.submit_contribution(
            entry, user=user, actor=actor(slug), text=text, files=[(upload(f"svar-{i}.pdf"), pdf) for i in range(files)]
        )


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"strategies:{name}", args=args)
