"""The only writes to network spaces: meetings, posts, member organisations and joint spaces. Each runs in one
transaction with its audit row.

Meetings, memberships and joint spaces are shown on public pages, so their audit rows are public (they move the
page cache's version, audit/cache.py). Posts are for the members only: their rows are private. A new meeting or
post tells the network's followers (notifications); a post's notice names neither its title nor its text, since
anyone may follow a network but only its members may read the posts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.actors.models import Actor, Membership
from krokarm.audit.actions import Changes, delete_tracked, plain, record, save_tracked
from krokarm.networks.models import BODY_LENGTH, Link, Meeting, Post
from krokarm.networks.reference_data import LinkRow
from krokarm.notifications.actions import notify_followers

SOURCE = "web"
# Told to those who follow the network; %(label)s is the network's name.
NEW_MEETING = gettext_lazy("%(label)s har ett nytt möte: ”%(title)s” %(day)s")
NEW_POST = gettext_lazy("Det finns ett nytt inlägg i %(label)s.")
NEW_LINK_POST = gettext_lazy("Det finns ett nytt inlägg i samverkan ”%(link)s”, där %(label)s ingår.")


class NetworkRefused(Exception):
    """The change cannot be made; the message says why, in Swedish, for the person who tried."""


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _check_meeting(title: str, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if not title.strip():
        raise NetworkRefused(_("Skriv en rubrik."))
    if ends_at < starts_at:
        raise NetworkRefused(_("Mötet kan inte sluta innan det börjar."))


def create_meeting(
    network: Actor,
    *,
    user: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    description: str = "",
    source: str = SOURCE,
) -> Meeting:
    """Add a meeting to `network`'s calendar. The caller has checked that `user` coordinates the network
    (permissions.get_network_for_managing). An empty place means an online meeting ("digitalt")."""
    _check_meeting(title, starts_at, ends_at)
    if network.kind != Actor.Kind.NETWORK:
        raise NetworkRefused(_("Bara nätverk har möten."))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            network=network,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip() or "digitalt",
            description=description.strip(),
            created_by=_user(user),
        )
        changes: Changes = {
            field: [None, plain(getattr(meeting, field))]
            for field in ("title", "starts_at", "ends_at", "place", "description")
        }
        record("meeting.created", meeting, changes=changes, source=source, user=user, organisation=network)
        day = timezone.localtime(starts_at).date().isoformat()
        notify_followers(
            network, NEW_MEETING, meeting.get_absolute_url(), exclude=user, params={"title": meeting.title, "day": day}
        )
        return meeting


def update_meeting(
    meeting: Meeting,
    *,
    user: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    description: str = "",
    source: str = SOURCE,
) -> Changes:
    """Change a meeting, auditing exactly what changed (nothing if nothing did). The caller has checked that
    `user` coordinates its network (permissions.get_meeting_for_managing)."""
    _check_meeting(title, starts_at, ends_at)
    values = {
        "title": title.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip() or "digitalt",
        "description": description.strip(),
    }
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        return save_tracked(locked, values, source=source, user=user, organisation=locked.network)


def delete_meeting(meeting: Meeting, *, user: Any, source: str = SOURCE) -> None:
    """Cancel a meeting: it leaves the calendar; the audit row keeps what it was."""
    with transaction.atomic():
        delete_tracked(meeting, source=source, user=user, organisation=meeting.network)


def _check_post(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if not title:
        raise NetworkRefused(_("Skriv en rubrik."))
    if not body:
        raise NetworkRefused(_("Skriv ditt inlägg."))
    if len(body) > BODY_LENGTH:
        raise NetworkRefused(
            _("Texten är för lång: skriv högst %(limit)d tecken (nu %(count)d).")
            % {"limit": BODY_LENGTH, "count": len(body)}
        )
    return title, body


def write_post(
    *,
    user: Any,
    title: str,
    body: str,
    organisation: Actor | None,
    network: Actor | None = None,
    link: Link | None = None,
    source: str = SOURCE,
) -> Post:
    """`user` writes a post in `network`'s space or in the joint space `link` (exactly one of them), for
    `organisation`. The caller has checked that they may (permissions.get_network_for_posting or
    get_link_for_posting) and that `organisation` is one of those it returned."""
    if (network is None) == (link is None):
        raise ValueError("a post is written in a network's space or in a joint space, not both")
    title, body = _check_post(title, body)
    with transaction.atomic():
        post = Post.objects.create(
            network=network, link=link, author=_user(user), author_organisation=organisation, title=title, body=body
        )
        changes: Changes = {"title": [None, title], "body": [None, body]}
        record("post.created", post, changes=changes, source=source, user=user, organisation=organisation, public=False)
        if network is not None:
            notify_followers(network, NEW_POST, post.get_absolute_url(), exclude=user)
        else:
            assert link is not None
            for linked in link.networks.all():
                notify_followers(
                    linked, NEW_LINK_POST, post.get_absolute_url(), exclude=user, params={"link": link.name}
                )
        return post


def add_member(
    network: Actor, member: Actor, *, user: Any, role: str = Membership.Role.MEMBER, source: str = SOURCE
) -> Membership:
    """Make `member` a member of `network` in `role` (or change its role). The caller has checked that `user`
    coordinates the network."""
    if network.kind != Actor.Kind.NETWORK:
        raise NetworkRefused(_("Bara nätverk har medlemmar."))
    if member.pk == network.pk:
        raise NetworkRefused(_("Ett nätverk kan inte vara medlem i sig självt."))
    if role not in Membership.Role.values:
        raise NetworkRefused(_("Välj en roll i listan."))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(
            network=network, member=member
        ).first() or Membership(network=network, member=member, from_reference_data=False)
        save_tracked(membership, {"role": role}, source=source, user=user, organisation=network)
        return membership


def remove_member(network: Actor, member: Actor, *, user: Any, source: str = SOURCE) -> bool:
    """Remove `member` from `network`. True if it was a member. The caller has checked that `user`
    coordinates the network."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(network=network, member=member).first()
        if membership is None:
            return False
        delete_tracked(membership, source=source, user=user, organisation=network)
        return True


def _set_link_networks(link: Link, networks: list[Actor], *, user: Any, source: str, action: str) -> None:
    current = sorted(link.networks.values_list("slug", flat=True))
    wanted = sorted(network.slug for network in networks)
    if current != wanted:
        link.networks.set(networks)
        record(action, link, changes={"networks": [current, wanted]}, source=source, user=user)


def add_link_network(link: Link, network: Actor, *, user: Any, source: str = SOURCE) -> None:
    """Add `network` to the joint space. The caller has checked that `user` coordinates it
    (permissions.addable_networks)."""
    if network.kind != Actor.Kind.NETWORK:
        raise NetworkRefused(_("Bara nätverk kan ingå i en samverkan."))
    with transaction.atomic():
        locked = Link.objects.select_for_update().get(pk=link.pk)
        networks = [*locked.networks.all(), network]
        _set_link_networks(locked, networks, user=user, source=source, action="link.network_added")


def remove_link_network(link: Link, network: Actor, *, user: Any, source: str = SOURCE) -> None:
    """Take `network` out of the joint space; refused for the last one (nobody but the platform's coordinators
    could manage the space then). The caller has checked that `user` may manage the link."""
    with transaction.atomic():
        locked = Link.objects.select_for_update().get(pk=link.pk)
        remaining = [n for n in locked.networks.all() if n.pk != network.pk]
        if not remaining:
            raise NetworkRefused(_("En samverkan måste ha minst ett nätverk."))
        _set_link_networks(locked, remaining, user=user, source=source, action="link.network_removed")


def apply_link_data(rows: Iterable[LinkRow], *, source: str = "seed") -> int:
    """Create the joint spaces in data/networks/links.yaml that do not exist yet; returns how many.

    A space that exists is left as its coordinators keep it: they add and remove networks on the site, and
    running `krokarm seed` again must not undo that. The caller has checked the rows (reference_data.load).
    """
    created = 0
    with transaction.atomic():
        existing = set(Link.objects.values_list("slug", flat=True))
        for row in rows:
            if row.slug in existing:
                continue
            link = Link()
            values = {"slug": row.slug, "name": row.name, "description": row.description}
            save_tracked(link, values, source=source, m2m={"networks": set(row.networks)})
            created += 1
    return created
