"""Who may see and change what in the directory. The directory itself is public.

Only an actor's editors and organisation admins (and site admins) change its profile,
responsibilities and services (issue 5); the rule itself is accounts.permissions.can_edit_actor.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts import permissions as accounts
from krokarm.actors import queries
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.lib.errors import Refused


def can_edit_actor(user: Any, actor: Actor) -> bool:
    """An actor that is no longer current (retired by the seed) keeps its page but takes no more changes."""
    return actor.retired_at is None and accounts.can_edit_actor(user, actor)


def can_see_who_changed(user: Any) -> bool:
    """The names of the officials behind a change are personal data: only coordinators see them."""
    return accounts.is_coordinator(user)


def get_actor_for_viewing(user: Any, slug: str) -> Actor:
    """The actor with everything its profile shows, or 404. Every actor profile is public."""
    actor = queries.actor_with_details(slug)
    if actor is None:
        raise Http404(_("Det finns ingen aktör med den adressen."))
    return actor


def get_actor_for_editing(user: Any, slug: str) -> Actor:
    """The actor `user` may edit, or 404 (no such actor), 409 (no longer current) or 403 (not one of its editors)."""
    actor = Actor.all_objects.select_related("county").filter(slug=slug).first()
    if actor is None:
        raise Http404(_("Det finns ingen aktör med den adressen."))
    if actor.retired_at is not None:
        raise Refused(_("Aktören finns inte längre i katalogen och kan inte ändras. Sidan finns kvar att läsa."))
    if not can_edit_actor(user, actor):
        raise PermissionDenied
    return actor


def get_responsibility_for_editing(user: Any, slug: str, pk: int) -> Responsibility:
    """One of the actor's own responsibilities; another actor's id is a 404, never someone else's row."""
    actor = get_actor_for_editing(user, slug)
    found = Responsibility.objects.select_related("theme").prefetch_related("target_groups").filter(actor=actor, pk=pk)
    responsibility = found.first()
    if responsibility is None:
        raise Http404(_("Aktören har inget sådant ansvar."))
    responsibility.actor = actor
    return responsibility


def get_service_for_editing(user: Any, slug: str, pk: int) -> Service:
    """One of the actor's own services; another actor's id is a 404."""
    actor = get_actor_for_editing(user, slug)
    service = Service.objects.select_related("theme").prefetch_related("target_groups").filter(actor=actor, pk=pk)
    found = service.first()
    if found is None:
        raise Http404(_("Aktören har ingen sådan tjänst."))
    found.actor = actor
    return found
