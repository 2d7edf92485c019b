"""Who may see and change what in the directory. The directory itself is public."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.actors import queries
from krokarm.actors.models import Actor


def can_edit_actor(user: Any, actor: Actor) -> bool:
    """Reference data is edited by staff in the admin; organisations' own editors come with accounts."""
    return bool(user.is_active and user.is_staff and user.has_perm("actors.change_actor"))


def get_actor_for_viewing(user: Any, slug: str) -> Actor:
    """The actor with everything its profile shows, or 404. Every actor profile is public."""
    actor = queries.actor_with_details(slug)
    if actor is None:
        raise Http404(_("Det finns ingen aktör med den adressen."))
    return actor
