"""Personas and dated items for the confirmation tests.

The personas: an editor and a plain member of Arbetsförmedlingen (the organisation that confirms), an editor of
CSN (another organisation), an editor of Region Östergötland (a region: strategy, phases, entry points), a
coordinator and anonymous visitors. Rows are written through the same actions as the pages.
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
from krokarm.actors import actions as actor_actions
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.audit.models import AuditEntry, ReferenceRecord

AGENCY = "arbetsformedlingen"
OTHER_AGENCY = "csn"
REGION = "region-ostergotland"


def actor(slug: str = AGENCY) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


def person(slug: str = AGENCY, role: str = Affiliation.Role.MEMBER, **values: Any) -> User:
    with zeal_ignore():
        user = UserFactory.create(**values)
        affiliate(user, actor(slug), role, source="test")
    return user


def editor(slug: str = AGENCY) -> User:
    return person(slug, Affiliation.Role.EDITOR, first_name="Rut", last_name="Redaktör")


def coordinator() -> User:
    with zeal_ignore():
        user = UserFactory.create()
        user.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    return user


def log_in(client: Any, user: User) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def checked_days_ago(obj: Any, days: int) -> None:
    """Make `obj`'s reference row in data/ checked against its source `days` days ago (its file's `checked_on`)."""
    when = timezone.now() - dt.timedelta(days=days)
    with zeal_ignore():
        found = ReferenceRecord.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
        assert found.update(seeded_at=when, checked_on=timezone.localdate(when)) == 1, "the test expects a seeded row"


def responsibility(slug: str = AGENCY) -> Responsibility:
    with zeal_ignore():
        return Responsibility.objects.filter(actor__slug=slug).order_by("pk").first()  # type: ignore[return-value]


def add_service(slug: str = AGENCY, name: str = "Testtjänst", user: Any = None) -> Service:
    service = Service(actor=actor(slug))
    with zeal_ignore():
        actor_actions.save_service(
            service, {"name": name, "description": "", "url": "", "theme": None}, target_groups=set(), user=user
        )
    return service


def confirmations(obj: Any) -> list[AuditEntry]:
    with zeal_ignore():
        return list(
            AuditEntry.objects.filter(action="confirmed", target_type=obj._meta.label_lower, target_id=str(obj.pk))
        )


def page(slug: str = AGENCY) -> str:
    return reverse("confirmations:organisation", args=[slug])


def confirm_url(kind: str, pk: int, slug: str = AGENCY) -> str:
    return reverse("confirmations:confirm", args=[slug, kind, pk])
