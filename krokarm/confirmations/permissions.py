"""Who may confirm what: exactly who may edit it today, by the rule of the app that owns it.

Each kind of item maps to the organisation that owns it and to the owning app's own predicate, named by its
dotted path and looked up when asked, so the rule stays in one place and this app imports no feature app:
- the actor, its responsibilities and services: actors.permissions.can_edit_actor (its editors and organisation
  admins, site admins; not once the actor is retired);
- a region's strategy, phases and entry points: strategies.permissions.can_manage_region (the region's editors
  and organisation admins, site admins).

The confirm pages are for the organisation's editors; coordinators (accounts.permissions.is_coordinator) read
them, and confirm only what they may edit. Everyone else gets 403, an unknown organisation or item 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from krokarm.accounts.permissions import is_coordinator
from krokarm.confirmations import queries
from krokarm.confirmations.queries import Item

# Model label → (the predicate that says who may edit it, the actor it belongs to).
EDIT_RULES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "actors.actor": ("krokarm.actors.permissions.can_edit_actor", lambda actor: actor),
    "actors.responsibility": ("krokarm.actors.permissions.can_edit_actor", lambda row: row.actor),
    "actors.service": ("krokarm.actors.permissions.can_edit_actor", lambda row: row.actor),
    "strategies.strategy": ("krokarm.strategies.permissions.can_manage_region", lambda row: row.region),
    "strategies.phase": ("krokarm.strategies.permissions.can_manage_region", lambda row: row.process.region),
    "strategies.entrypoint": (
        "krokarm.strategies.permissions.can_manage_region",
        lambda row: row.phase.process.region,
    ),
}


def owner_of(obj: Model) -> Any:
    """The actor `obj` belongs to; None for something nobody confirms."""
    rule = EDIT_RULES.get(obj._meta.label_lower)
    return rule[1](obj) if rule else None


def can_confirm(user: Any, obj: Model, organisation: Any) -> bool:
    """Whether `user` may confirm `obj` for `organisation`: it is the organisation's, and `user` may edit it."""
    rule = EDIT_RULES.get(obj._meta.label_lower)
    if rule is None or not getattr(user, "is_authenticated", False):
        return False
    predicate_path, owner = rule
    owning = owner(obj)
    if owning is None or owning.pk != organisation.pk:
        return False
    predicate: Callable[[Any, Any], bool] = import_string(predicate_path)
    return bool(predicate(user, owning))


def can_edit_organisation(user: Any, organisation: Any) -> bool:
    return bool(import_string(EDIT_RULES["actors.actor"][0])(user, organisation))


def can_view_organisation(user: Any, organisation: Any) -> bool:
    """The organisation's editors and the coordinators (who read; they confirm only what they may edit)."""
    return can_edit_organisation(user, organisation) or is_coordinator(user)


def can_view_overview(user: Any) -> bool:
    return is_coordinator(user)


def get_organisation_for_viewing(user: Any, slug: str) -> Any:
    """A current actor whose confirm page `user` may see; 404 for an unknown one, 403 for anyone else."""
    organisation = apps.get_model("actors", "Actor").objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("Det finns ingen aktör med den adressen."))
    if not can_view_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def get_item_for_confirming(user: Any, organisation: Any, kind: str, pk: int) -> Item:
    """One of the organisation's items that `user` may confirm; 404 when it is not one of them, 403 if they may
    not edit it."""
    found = queries.item(organisation, kind, pk)
    if found is None:
        raise Http404(_("Organisationen har ingen sådan uppgift att bekräfta."))
    if not can_confirm(user, found.obj, organisation):
        raise PermissionDenied
    return found


def ensure_can_view_overview(user: Any) -> None:
    if not can_view_overview(user):
        raise PermissionDenied
