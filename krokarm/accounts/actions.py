"""Writes to accounts. Every change leaves an audit row."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from krokarm.accounts.models import Affiliation, User
from krokarm.actors.models import Actor
from krokarm.audit.actions import record

DEMO_USERNAME = "demo"
# The demo account handles this actor's cases, so that the inbox can be tried at once.
DEMO_ACTOR = "arbetsformedlingen"


def ensure_demo_staff() -> tuple[str, bool]:
    """Create the local demo administrator if it is missing. Never for production data."""
    with transaction.atomic():
        if User.objects.filter(username=DEMO_USERNAME).exists():
            return DEMO_USERNAME, False
        user = User.objects.create_superuser(DEMO_USERNAME, email="demo@krokarm.localhost", password=DEMO_USERNAME)
        record("user.created", user, changes={"is_staff": [None, True]}, source="seed")
        actor = Actor.objects.filter(slug=DEMO_ACTOR).first()
        if actor is not None:
            affiliate(user, actor, source="seed")
    return DEMO_USERNAME, True


def affiliate(
    user: User, actor: Actor, role: str = Affiliation.Role.MEMBER, *, source: str, by: Any = None
) -> Affiliation:
    """Let `user` work for `actor` in `role` (staff of an actor see and handle its cases)."""
    with transaction.atomic():
        affiliation, created = Affiliation.objects.get_or_create(user=user, actor=actor, defaults={"role": role})
        old_role = None if created else affiliation.role
        if old_role != role:
            affiliation.role = role
            affiliation.save(update_fields=["role"])
            changes = {"role": [old_role, role]}
            record(
                "affiliation.saved",
                affiliation,
                changes=changes,
                source=source,
                user=by,
                organisation=actor,
                public=False,
            )
    return affiliation
