"""Who may do what in the knowledge bank.

Every item's metadata (title, summary, owner, tags) are public. Its link and file are public too when the owner
shares them openly ("oppen"); shared on request ("pa-begaran"), only the owner's own people and the members of
organisations whose request the owner granted may open them, and site admins. Nobody else learns the address.

- The owner's editors and organisation admins (`can_edit_actor`) add, change and remove its items and answer
  requests for them.
- Anyone signed in who works for another organisation may ask for an item on request, for that organisation.
- Anyone who works for an organisation other than the owner may record that it reused an item.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, can_edit_actor, roles_at
from krokarm.actors.models import Actor
from krokarm.knowledge.models import AccessRequest, Item

EDITING_ROLES = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}


def _is_site_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def can_manage(user: Any, item: Item) -> bool:
    return can_edit_actor(user, item.owner)


def editable_owners(user: Any) -> list[Actor]:
    """The organisations `user` may share knowledge for, by name (one query; none for anonymous visitors).
    Site admins act for any organisation but municipalities (290 names in a list help nobody)."""
    actors = Actor.objects.order_by("name")
    if _is_site_admin(user):
        return list(actors.exclude(kind=Actor.Kind.MUNICIPALITY))
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & EDITING_ROLES]
    return list(actors.filter(pk__in=ids)) if ids else []


def granted_actor_ids(item: Item) -> set[int]:
    """The organisations whose request for `item` was granted: one query."""
    rows = AccessRequest.objects.filter(item=item, status=AccessRequest.Status.GRANTED).values_list("actor_id")
    return {actor_id for (actor_id,) in rows}


def can_open(user: Any, item: Item) -> bool:
    """May `user` see the item's link and download its file? At most one query. Nobody may once the item is
    removed from the bank (retired): its page stays for what points at it, its link and file are not offered."""
    if not item.is_current:
        return False
    if item.is_open or _is_site_admin(user):
        return True
    ids = actor_ids(user)
    if not ids:
        return False
    if item.owner_id in ids:
        return True
    return AccessRequest.objects.filter(item=item, actor_id__in=ids, status=AccessRequest.Status.GRANTED).exists()


def other_organisations(user: Any, item: Item) -> list[Actor]:
    """The organisations `user` works for, except the item's owner (they ask and reuse for these)."""
    ids = actor_ids(user) - {item.owner_id}
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def get_item(pk: int) -> Item:
    """An item with its owner, or 404. Items' metadata are public. A removed (retired) item is found too: its
    page, comment thread and follows still lead somewhere, and say that it has been removed."""
    item = Item.all_objects.select_related("owner").filter(pk=pk).first()
    if item is None:
        raise Http404(_("Det finns ingen kunskap med den adressen."))
    return item


def get_item_for_managing(user: Any, pk: int) -> Item:
    """An item `user` may change or remove, removed (retired) or not: a form sent after a colleague removed the
    item is refused by the action and keeps what was typed. 404 if there is none, 403 if another organisation
    shares it."""
    item = get_item(pk)
    if not can_manage(user, item):
        raise PermissionDenied
    return item


def ensure_current(item: Item) -> None:
    """404, saying so, for an item removed from the bank: there is nothing left to change or remove."""
    if not item.is_current:
        raise Http404(_("Kunskapen är borttagen ur kunskapsbanken och kan inte ändras längre."))


def get_item_for_opening(user: Any, pk: int) -> Item:
    """An item whose file `user` may download; 404 otherwise, so a file shared on request stays unseen."""
    item = get_item(pk)
    if not item.attachment or not can_open(user, item):
        raise Http404(_("Filen finns inte."))
    return item


def ensure_can_create(user: Any) -> list[Actor]:
    """The organisations `user` may share knowledge for; 403 if none."""
    owners = editable_owners(user)
    if not owners:
        raise PermissionDenied
    return owners


def ensure_other_organisation(user: Any, item: Item) -> list[Actor]:
    """The organisations `user` may ask or reuse for; 403 if they work only for the owner, or for none."""
    actors = other_organisations(user, item)
    if not actors:
        raise PermissionDenied
    return actors


def get_request_for_answering(user: Any, pk: int) -> AccessRequest:
    """A request for one of the items `user` manages; 404 if there is none or it is another owner's."""
    found = AccessRequest.objects.select_related("item__owner", "actor", "user").filter(pk=pk).first()
    if found is None or not can_manage(user, found.item):
        raise Http404(_("Förfrågan finns inte."))
    return found


def inbox_owners(user: Any) -> list[Actor]:
    """The organisations whose requests `user` answers; 403 for someone who edits for none."""
    return ensure_can_create(user)


def can_see_request(user: Any, access_request: AccessRequest) -> bool:
    """May `user` read the request where following it leads, the owner's inbox (AccessRequest.get_absolute_url)?
    Only those who answer it: the owner's editors and organisation admins, and site admins (`can_manage`). The
    owner's other people open no inbox (403), so they may not follow a request. The person who asked follows it
    from the moment they ask (actions.request_access), to hear the answer, which links to the item's page;
    their organisation's people see its requests there, not by following them."""
    return can_manage(user, access_request.item)
