"""The only writes to network spaces: meetings, posts, member organisations and joint spaces. Each runs in one
transaction with its audit row.

Meetings, memberships and joint spaces are shown on public pages, so their audit rows are public (they move the
page cache's version, audit/cache.py). Posts are for the members only: their rows are private. A new meeting or
post tells the network's followers (notifications); a post's notice names neither its title nor its text, since
anyone may follow a network but only its members may read the posts.

Nothing people write is lost: every change reads its row again under a lock, so of two coordinators doing the same
thing at the same instant the second is told (NetworkRefused, answered 409) instead of doing it twice; a meeting's
edit carries the version the coordinator saw.
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
from krokarm.audit.reference import Seeder, SyncSummary
from krokarm.lib.errors import Refused
from krokarm.networks.models import BODY_LENGTH, Link, Meeting, Post
from krokarm.networks.reference_data import LinkRow
from krokarm.notifications.actions import notify_followers

SOURCE = "web"
# Told to those who follow the network; %(label)s is the network's name.
NEW_MEETING = gettext_lazy("%(label)s har ett nytt möte: ”%(title)s” %(day)s")
NEW_POST = gettext_lazy("Det finns ett nytt inlägg i %(label)s.")
NEW_LINK_POST = gettext_lazy("Det finns ett nytt inlägg i samverkan ”%(link)s”, där %(label)s ingår.")


class NetworkRefused(Refused):
    """The change cannot be made; the message says why, in Swedish, for the person who tried (409)."""


MEETING_GONE = gettext_lazy("Mötet är redan inställt: någon annan tog bort det ur kalendern alldeles nyss.")
LINK_NO_LONGER_CURRENT = gettext_lazy(
    "Den här samverkan gäller inte längre. Det som skrevs finns kvar att läsa, men det går inte att skriva nytt "
    "eller ändra vilka nätverk som ingår."
)


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
        day = timezone.localtime(starts_at).date()
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
    expected_version: int | None = None,
) -> Changes:
    """Change a meeting, auditing exactly what changed (nothing if nothing did) and writing only those fields.
    The caller has checked that `user` coordinates its network (permissions.get_meeting_for_managing). With
    `expected_version` (the version the coordinator's form carried) a meeting changed since raises
    audit.actions.Stale and nothing is written; a meeting cancelled meanwhile is refused (NetworkRefused)."""
    _check_meeting(title, starts_at, ends_at)
    values = {
        "title": title.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip() or "digitalt",
        "description": description.strip(),
    }
    with transaction.atomic():
        locked = _locked_meeting(meeting)
        changes = save_tracked(
            locked,
            values,
            source=source,
            user=user,
            organisation=meeting.network,
            expected_version=expected_version,
            fresh=True,
        )
        meeting.version = locked.version
        return changes


def delete_meeting(meeting: Meeting, *, user: Any, source: str = SOURCE, expected_version: int | None = None) -> None:
    """Cancel a meeting: it leaves the calendar; the audit row keeps what it was. Refused when someone cancelled
    it a moment ago (nothing is recorded twice); with `expected_version`, a meeting changed since the coordinator
    looked raises audit.actions.Stale and stays."""
    with transaction.atomic():
        locked = _locked_meeting(meeting)
        delete_tracked(
            locked, source=source, user=user, organisation=meeting.network, expected_version=expected_version
        )


def _locked_meeting(meeting: Meeting) -> Meeting:
    """The meeting as stored now, locked until the transaction ends; refused when it is gone."""
    locked = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if locked is None:
        raise NetworkRefused(MEETING_GONE)
    return locked


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
        if link is not None and Link.all_objects.filter(pk=link.pk, retired_at__isnull=False).exists():
            raise NetworkRefused(LINK_NO_LONGER_CURRENT)
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


def remove_member(network: Actor, member: Actor, *, user: Any, source: str = SOURCE) -> None:
    """Remove `member` from `network`. Refused when it is not a member (any more: someone removed it a moment
    ago), so that nothing is recorded twice. The caller has checked that `user` coordinates the network."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(network=network, member=member).first()
        if membership is None:
            raise NetworkRefused(
                _("%(member)s är inte medlem i nätverket längre: någon annan tog bort organisationen alldeles nyss.")
                % {"member": member.name}
            )
        delete_tracked(membership, source=source, user=user, organisation=network)


def _set_link_networks(link: Link, networks: list[Actor], *, user: Any, source: str, action: str) -> None:
    current = sorted(link.networks.values_list("slug", flat=True))
    wanted = sorted(network.slug for network in networks)
    if current != wanted:
        link.networks.set(networks)
        record(action, link, changes={"networks": [current, wanted]}, source=source, user=user)


def add_link_network(link: Link, network: Actor, *, user: Any, source: str = SOURCE) -> None:
    """Add `network` to the joint space; refused when it is already in it (someone added it a moment ago). The
    caller has checked that `user` coordinates it (permissions.addable_networks)."""
    if network.kind != Actor.Kind.NETWORK:
        raise NetworkRefused(_("Bara nätverk kan ingå i en samverkan."))
    with transaction.atomic():
        locked = _locked_link(link)
        networks = list(locked.networks.all())
        if any(n.pk == network.pk for n in networks):
            raise NetworkRefused(
                _("%(network)s ingår redan i samverkan: någon annan lade till nätverket alldeles nyss.")
                % {"network": network.name}
            )
        _set_link_networks(locked, [*networks, network], user=user, source=source, action="link.network_added")


def remove_link_network(link: Link, network: Actor, *, user: Any, source: str = SOURCE) -> None:
    """Take `network` out of the joint space; refused for the last one (nobody but the platform's coordinators
    could manage the space then) and when it is no longer in it (someone took it out a moment ago). The caller
    has checked that `user` may manage the link."""
    with transaction.atomic():
        locked = _locked_link(link)
        networks = list(locked.networks.all())
        remaining = [n for n in networks if n.pk != network.pk]
        if len(remaining) == len(networks):
            raise NetworkRefused(
                _("%(network)s ingår inte längre i samverkan: någon annan tog bort nätverket alldeles nyss.")
                % {"network": network.name}
            )
        if not remaining:
            raise NetworkRefused(_("En samverkan måste ha minst ett nätverk."))
        _set_link_networks(locked, remaining, user=user, source=source, action="link.network_removed")


def _locked_link(link: Link) -> Link:
    """The joint space as stored now, locked until the transaction ends; refused when it is no longer current."""
    locked = Link.all_objects.select_for_update().get(pk=link.pk)
    if locked.retired_at is not None:
        raise NetworkRefused(LINK_NO_LONGER_CURRENT)
    return locked


def apply_link_data(rows: Iterable[LinkRow], *, source: str = "seed", take_file: bool = False) -> SyncSummary:
    """Make the reference joint spaces follow data/networks/links.yaml, keeping what their coordinators did.

    The rows are read with SELECT … FOR UPDATE (an edit on the site waits for the seed) and written through
    audit.reference.Seeder: a joint space whose networks (or name) its coordinators changed on the site keeps the
    site's value, reported as a conflict unless `take_file`; spaces made on the site are never touched. A space
    the file no longer holds is deleted when nobody wrote in it, otherwise retired: its posts stay readable on its
    page, marked as no longer current. The caller has checked the rows (reference_data.load).
    """
    seeder = Seeder(source=source, take_file=take_file)
    with transaction.atomic():
        existing = {link.slug: link for link in Link.all_objects.prefetch_related("networks").select_for_update()}
        for row in rows:
            link = existing.get(row.slug) or Link()
            values = {"slug": row.slug, "name": row.name, "description": row.description}
            seeder.save(link, values, file=row.file, key=row.slug, m2m={"networks": set(row.networks)})
        seeder.remove_unseen(Link)
    return seeder.summary
