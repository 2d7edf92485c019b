"""Who may do what with regional needs.

Needs are public: anyone may read them and the organisations' answers. A region's editors and organisation
admins (`can_edit_actor`) create, change and close its needs and reply to the answers. Anyone signed in who
works for an actor may answer for one of their organisations. The name of the person who wrote an answer is
shown only to the staff of the region that asked: the answer is the organisation's, the person behind it is
personal data the public does not need.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, can_edit_actor, roles_at
from krokarm.actors.models import Actor
from krokarm.needs.models import Answer, Need

EDITING_ROLES = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}


def can_manage(user: Any, need: Need) -> bool:
    return can_edit_actor(user, need.region)


def can_publish_for(user: Any, region: Actor) -> bool:
    return region.kind == Actor.Kind.REGION and can_edit_actor(user, region)


def can_see_authors(user: Any, need: Need) -> bool:
    """The region's own staff see who wrote each answer; site admins too."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return need.region_id in actor_ids(user)


def editable_regions(user: Any) -> list[Actor]:
    """The regions `user` may publish needs for, by name (one query; none for anonymous visitors)."""
    regions = Actor.objects.filter(kind=Actor.Kind.REGION).order_by("name")
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(regions)
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & EDITING_ROLES]
    return list(regions.filter(pk__in=ids)) if ids else []


def answering_actors(user: Any, need: Need) -> list[Actor]:
    """The organisations `user` may answer `need` for: those they work for, except the region that asks."""
    ids = actor_ids(user) - {need.region_id}
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def get_need(pk: int) -> Need:
    """A need with its region and author, or 404. Needs are public."""
    need = Need.objects.select_related("region", "created_by").filter(pk=pk).first()
    if need is None:
        raise Http404(_("Det finns inget behov med den adressen."))
    return need


def get_need_for_managing(user: Any, pk: int) -> Need:
    """A need `user` may change, close and reply on; 404 if there is none, 403 if it is another region's."""
    need = get_need(pk)
    if not can_manage(user, need):
        raise PermissionDenied
    return need


def get_answer_for_replying(user: Any, pk: int, answer_pk: int) -> Answer:
    """An answer to one of the region's needs, for its editors; 404 if the answer is not on that need."""
    need = get_need_for_managing(user, pk)
    answer = Answer.objects.select_related("actor").filter(pk=answer_pk, need=need).first()
    if answer is None:
        raise Http404(_("Svaret finns inte."))
    answer.need = need
    return answer


def ensure_can_create(user: Any, region_slug: str = "") -> list[Actor]:
    """The regions `user` may publish needs for; 403 if none, or if `region_slug` names another region."""
    regions = editable_regions(user)
    if not regions or (region_slug and region_slug not in {region.slug for region in regions}):
        raise PermissionDenied
    return regions


def ensure_can_answer(user: Any, need: Need) -> list[Actor]:
    """The organisations `user` may answer `need` for; 403 if they work for none (but the region itself)."""
    actors = answering_actors(user, need)
    if not actors:
        raise PermissionDenied
    return actors
