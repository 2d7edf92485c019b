"""Who may see and do what with strategies, entry points and contributions.

- The strategy pages and entry points are public.
- Anyone signed in who works for an actor (`actor_ids`) may register interest or send a contribution to an
  open entry point, for one of their organisations, but not for the region that asks.
- Contributions are not public: the answer may be a draft position of an agency. They are seen by the
  contributing organisation's staff (any affiliation), by the region's staff and by coordinators.
- **The region's staff are everyone with an affiliation to the region**, not only its editors: remiss answers
  are handled by the region's officers the way cases are handled by an actor's staff (cases/permissions.py),
  so any of them may read and acknowledge a contribution. Coordinators read, but do not acknowledge for the
  region.
- Only the region's editors and organisation admins (`can_edit_actor`) change its process: phases and entry
  points. Another region's editor gets 403.
- Someone who may not see a contribution or an attachment gets 404, so its existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.permissions import actor_ids, can_edit_actor, is_coordinator
from krokarm.actors.models import Actor
from krokarm.strategies import queries
from krokarm.strategies.models import Attachment, Contribution, EntryPoint, Phase


def get_region_for_viewing(user: Any, slug: str) -> Actor:
    region = Actor.objects.filter(kind=Actor.Kind.REGION, slug=slug).select_related("county").first()
    if region is None:
        raise Http404(_("Det finns ingen region med den adressen."))
    return region


def get_entry_point_for_viewing(user: Any, pk: int) -> EntryPoint:
    """An entry point for its own pages: retired ones too, since contributions, notifications and feeds link to
    them (the pages say that it no longer applies, and the actions refuse new contributions)."""
    entry = queries.entry_point(pk, retired=True)
    if entry is None:
        raise Http404(_("Det finns ingen ingång med den adressen."))
    return entry


def region_of(entry: EntryPoint) -> Actor:
    return entry.phase.process.region


def is_region_staff(user: Any, entry: EntryPoint) -> bool:
    """Anyone who works for the entry point's region (see the module docstring); site admins too."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return region_of(entry).pk in actor_ids(user)


def can_read_contributions(user: Any, entry: EntryPoint) -> bool:
    """All contributions to `entry`: the region's staff and the coordinators."""
    return is_region_staff(user, entry) or is_coordinator(user)


def can_see_contribution(user: Any, contribution: Contribution) -> bool:
    return contribution.actor_id in actor_ids(user) or can_read_contributions(user, contribution.entry_point)


def contributing_actors(user: Any, entry: EntryPoint) -> list[Actor]:
    """The organisations `user` may contribute for: those they work for, except the region that asks."""
    ids = actor_ids(user) - {region_of(entry).pk}
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def ensure_can_contribute(user: Any, entry: EntryPoint) -> list[Actor]:
    """The organisations `user` may contribute for; 403 if none."""
    actors = contributing_actors(user, entry)
    if not actors:
        raise PermissionDenied
    return actors


def get_entry_point_for_reading_contributions(user: Any, pk: int) -> EntryPoint:
    """An entry point whose contributions `user` may read; 404 if there is none, 403 for everyone else."""
    entry = get_entry_point_for_viewing(user, pk)
    if not can_read_contributions(user, entry):
        raise PermissionDenied
    return entry


def get_contribution_for_acknowledging(user: Any, pk: int, contribution_pk: int) -> Contribution:
    """A contribution to entry point `pk`, for the region's staff; 404 for anyone else."""
    entry = get_entry_point_for_viewing(user, pk)
    contribution = Contribution.objects.select_related("actor").filter(pk=contribution_pk, entry_point=entry).first()
    if contribution is None or not is_region_staff(user, entry):
        raise Http404(_("Bidraget finns inte."))
    contribution.entry_point = entry
    return contribution


def get_attachment_for_download(user: Any, pk: int) -> Attachment:
    """An attachment `user` may download (the region's staff, the contributing organisation, coordinators);
    404 for anyone else, whether or not it exists."""
    attachment = (
        Attachment.objects.select_related("contribution__entry_point__phase__process__region").filter(pk=pk).first()
    )
    if attachment is None or not can_see_contribution(user, attachment.contribution):
        raise Http404(_("Filen finns inte."))
    return attachment


# Managing a region's process


def can_manage_region(user: Any, region: Actor) -> bool:
    return region.kind == Actor.Kind.REGION and can_edit_actor(user, region)


def get_region_for_managing(user: Any, slug: str) -> Actor:
    """A region whose process `user` may change; 404 for an unknown region, 403 for anyone but its editors."""
    region = get_region_for_viewing(user, slug)
    if not can_manage_region(user, region):
        raise PermissionDenied
    return region


def get_phase_for_managing(user: Any, slug: str, pk: int) -> Phase:
    region = get_region_for_managing(user, slug)
    phase = Phase.objects.select_related("process__region").filter(pk=pk, process__region=region).first()
    if phase is None:
        raise Http404(_("Fasen finns inte."))
    return phase


def get_entry_point_for_managing(user: Any, slug: str, pk: int) -> EntryPoint:
    region = get_region_for_managing(user, slug)
    entry = queries.entry_point(pk, retired=True)
    if entry is None or region_of(entry).pk != region.pk:
        raise Http404(_("Det finns ingen ingång med den adressen."))
    return entry
