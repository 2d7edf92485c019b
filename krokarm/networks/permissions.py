"""Who may do what in the network spaces.

Network pages, their members and meetings are public. A network's coordinators are the people who work for
the network actor itself as organisation admin or editor, and the platform's coordinators (`is_coordinator`):
they manage its meetings, its member organisations and the joint spaces it is in. The members of a network are
the people whose organisation is a member of it (`actors.Membership`). Members and coordinators write and read
the network's posts; in a joint space, the members and coordinators of every linked network do. Posts are
kept from everyone else because they are working conversations between officials, not publications.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, is_coordinator, roles_at
from krokarm.actors.models import Actor, Membership
from krokarm.audit.models import AuditEntry
from krokarm.lib.errors import Refused
from krokarm.networks.actions import LINK_NO_LONGER_CURRENT, MEETING_GONE
from krokarm.networks.models import Link, Meeting

COORDINATING_ROLES = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}


def is_network_coordinator(user: Any, network: Actor) -> bool:
    if is_coordinator(user):
        return True
    return bool(roles_at(user, network.pk) & COORDINATING_ROLES)


def member_organisations(user: Any, member_ids: Iterable[int]) -> set[int]:
    """The user's organisations among `member_ids` (a network's members, already read)."""
    return actor_ids(user) & set(member_ids)


def is_network_member(user: Any, member_ids: Iterable[int]) -> bool:
    return bool(member_organisations(user, member_ids))


def can_read_posts(user: Any, network: Actor, member_ids: Iterable[int]) -> bool:
    """Signed-in members of the network and its coordinators."""
    return is_network_coordinator(user, network) or is_network_member(user, member_ids)


def can_manage_link(user: Any, link_networks: Iterable[Actor]) -> bool:
    """Platform coordinators and the coordinators of any network in the joint space."""
    return is_coordinator(user) or any(is_network_coordinator(user, network) for network in link_networks)


def can_read_link_posts(user: Any, link_networks: Iterable[Actor], member_ids: Iterable[int]) -> bool:
    """Members and coordinators of every linked network (`member_ids`: all their members)."""
    return can_manage_link(user, link_networks) or is_network_member(user, member_ids)


def post_organisations(user: Any, network_ids: Iterable[int], member_ids: Iterable[int]) -> list[Actor]:
    """The organisations `user` may write a post for: those they work for that are members, and the network
    actors themselves for the networks' own staff. Empty for platform coordinators who work for neither."""
    ids = actor_ids(user) & (set(member_ids) | set(network_ids))
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def get_network(slug: str) -> Actor:
    """A network actor, or 404. Network pages are public."""
    network = Actor.objects.filter(kind=Actor.Kind.NETWORK, slug=slug).first()
    if network is None:
        raise Http404(_("Det finns inget nätverk med den adressen."))
    return network


def get_network_for_managing(user: Any, slug: str) -> Actor:
    """A network `user` coordinates; 404 if there is none, 403 if they do not coordinate it."""
    network = get_network(slug)
    if not is_network_coordinator(user, network):
        raise PermissionDenied
    return network


def network_member_ids(network: Actor) -> list[int]:
    return list(Membership.objects.filter(network=network).values_list("member_id", flat=True))


def get_network_for_posting(user: Any, slug: str) -> tuple[Actor, list[Actor]]:
    """A network `user` may write in, and the organisations they may write for; 403 for anyone else."""
    network = get_network(slug)
    members = network_member_ids(network)
    if not can_read_posts(user, network, members):
        raise PermissionDenied
    return network, post_organisations(user, [network.pk], members)


def get_meeting_for_managing(user: Any, slug: str, pk: int) -> Meeting:
    """A meeting of a network `user` coordinates; 404 if there is none, 409 (Refused) if it was cancelled (the
    second of two coordinators cancelling or changing it at once is told so)."""
    network = get_network_for_managing(user, slug)
    meeting = Meeting.objects.filter(network=network, pk=pk).first()
    if meeting is None:
        cancelled = AuditEntry.objects.filter(
            action="meeting.deleted", target_type=Meeting._meta.label_lower, target_id=str(pk), organisation=network
        )
        if cancelled.exists():
            raise Refused(MEETING_GONE)
        raise Http404(_("Mötet finns inte."))
    meeting.network = network
    return meeting


def get_link(slug: str) -> Link:
    """A joint space with its networks (in name order, as `link.network_list`), or 404. One that is no longer
    current (`retired_at`) still opens: its members reach its posts through links."""
    link = Link.all_objects.filter(slug=slug).first()
    if link is None:
        raise Http404(_("Det finns ingen samverkan med den adressen."))
    link.network_list = list(link.networks.order_by("name"))  # type: ignore[attr-defined]
    return link


def get_link_for_managing(user: Any, slug: str) -> Link:
    """A joint space `user` may manage; 404, 403, or 409 (Refused) when it is no longer current."""
    link = get_link(slug)
    if not can_manage_link(user, link.network_list):  # type: ignore[attr-defined]
        raise PermissionDenied
    if link.retired_at is not None:
        raise Refused(LINK_NO_LONGER_CURRENT)
    return link


def get_link_for_posting(user: Any, slug: str) -> tuple[Link, list[Actor]]:
    link = get_link(slug)
    networks: list[Actor] = link.network_list  # type: ignore[attr-defined]
    members = list(Membership.objects.filter(network__in=networks).values_list("member_id", flat=True))
    if not can_read_link_posts(user, networks, members):
        raise PermissionDenied
    return link, post_organisations(user, [n.pk for n in networks], members)


def addable_networks(user: Any, link: Link, *, present: bool = False) -> list[Actor]:
    """Networks `user` may add to the joint space: those they coordinate and that are not in it yet (with
    `present`, those in it too: a sent form may name one added meanwhile, which the action refuses). A network
    joins only by its own coordinators' (or the platform's) decision, since its members then see the space."""
    linked = set() if present else {network.pk for network in link.network_list}  # type: ignore[attr-defined]
    networks = Actor.objects.filter(kind=Actor.Kind.NETWORK).exclude(pk__in=linked).order_by("name")
    return [network for network in networks if is_network_coordinator(user, network)]
