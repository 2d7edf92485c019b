"""The models people can follow today: actors (regions are actors of kind "region"), cases and comment
threads. Later apps register their own models the same way, from their own `AppConfig.ready`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from krokarm.notifications.registry import register


def register_all() -> None:
    from krokarm.actors.models import Actor
    from krokarm.cases.models import Case
    from krokarm.comments.models import Thread

    register(
        Actor,
        name="aktor",
        label=lambda actor: actor.name,
        url=lambda actor: actor.get_absolute_url(),
        key=lambda actor: actor.slug,
        lookup=lambda slug: Actor.all_objects.filter(slug=slug).first(),  # a retired one can still be unfollowed
    )
    register(
        Case,
        name="arende",
        label=lambda case: str(case),
        url=lambda case: case.staff_url,
        key=lambda case: case.reference or "",
        lookup=lambda reference: Case.objects.select_related("actor").filter(reference=reference).first(),
        can_see=_can_handle_case,
        audience=_case_staff,
    )
    register(
        Thread,
        name="trad",
        label=_thread_label,
        url=_thread_url,
        lookup=_thread,
        can_see=lambda user, thread: thread.target is not None,
    )


def _can_handle_case(user: Any, case: Any) -> bool:
    from krokarm.cases.permissions import can_handle

    return can_handle(user, case)


def _case_staff(case: Any) -> Q:
    """The users cases/permissions.can_handle lets see `case`: its actor's staff and the coordinators."""
    from krokarm.accounts.permissions import COORDINATORS_GROUP

    return (
        Q(affiliations__actor_id=case.actor_id)
        | Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(groups__name=COORDINATORS_GROUP)
    )


def _thread(key: str) -> Any:
    from krokarm.comments import registry as comments
    from krokarm.comments.models import Thread

    thread = Thread.objects.select_related("content_type").filter(pk=int(key)).first() if key.isdigit() else None
    if thread is None or thread.target is None or not comments.is_commentable(thread.target):
        return None
    return thread


def _thread_url(thread: Any) -> str:
    from krokarm.comments import registry as comments

    return comments.entry_for(thread.target).thread_url(thread.target)


def _thread_label(thread: Any) -> str:
    from krokarm.comments import registry as comments

    return comments.entry_for(thread.target).label(thread.target)
