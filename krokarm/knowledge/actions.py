"""The only writes to the knowledge bank. Each runs in one transaction with its audit row.

Items and reuses are shown on public pages, so their audit rows are public (they move the page cache's version,
audit/cache.py). Access requests are between two organisations and never shown publicly: audited `public=False`.
Each row names the organisation acted for: the owner for its items and answers, the asking or reusing
organisation for a request or a reuse.

Notifications (krokarm.notifications): a new item tells the owner's followers; a change, a removal and a reuse
tell the item's followers (its author follows it). A request is followed by the person who asked and by the
owner's editors (followed for them, source "system", so that the request reaches the organisation's inbox
people, not the item's public followers); the answer tells them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import actor_ids
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, plain, record, save_tracked
from krokarm.challenges.models import Challenge
from krokarm.knowledge.models import (
    ANSWER_LENGTH,
    MESSAGE_LENGTH,
    REUSE_LENGTH,
    AccessRequest,
    Item,
    Reuse,
)
from krokarm.knowledge.reference_data import ItemRow
from krokarm.notifications.actions import follow, notify_followers
from krokarm.strategies import uploads

SOURCE = "web"
# Told to those who follow the owner; %(label)s is the owner's name.
NEW_ITEM = gettext_lazy("%(label)s delar ny kunskap: ”%(title)s”")
# Told to those who follow the item; %(label)s is its title.
ITEM_CHANGED = gettext_lazy("Kunskapen ”%(label)s” är ändrad.")
ITEM_REMOVED = gettext_lazy("Kunskapen ”%(label)s” är borttagen ur kunskapsbanken.")
NEW_REUSE = gettext_lazy("%(organisation)s har återanvänt ”%(label)s”")
# Told to those who follow the request; %(label)s is "organisation → item".
NEW_REQUEST = gettext_lazy("%(organisation)s frågar om de kan ta del av ”%(title)s”")
GRANTED = gettext_lazy("Ni kan nu ta del av ”%(title)s”")
DECLINED = gettext_lazy("Förfrågan om ”%(title)s” är avslagen")

Upload = tuple[UploadedFile, uploads.Kind]


class KnowledgeRefused(Exception):
    """The change cannot be made; the message says why, in Swedish, for the person who tried."""


def create_item(
    *,
    owner: Actor,
    user: Any,
    kind: str,
    title: str,
    summary: str,
    themes: Iterable[Theme] = (),
    regions: Iterable[Actor] = (),
    challenges: Iterable[Challenge] = (),
    link: str = "",
    attachment: Upload | None = None,
    access: str = Item.Access.OPEN,
    published_on: dt.date | None = None,
    source_url: str = "",
    slug: str = "",
    source: str = SOURCE,
) -> Item:
    """Share an item for `owner`. The caller has checked that `user` edits for the owner
    (permissions.editable_owners) and checked any file with `uploads.check` (forms.ItemForm does).
    Refused (KnowledgeRefused) without a link or a file, or with an unknown kind or access."""
    _check_choices(kind, access)
    if not link and attachment is None:
        raise KnowledgeRefused(_("Ange en länk eller bifoga en fil."))
    themes, regions, challenges = list(themes), list(regions), list(challenges)
    stored: Item | None = None
    try:
        with transaction.atomic():
            item = Item(
                slug=slug or _free_slug(title),
                owner=owner,
                kind=kind,
                title=title.strip(),
                summary=summary.strip(),
                link=link,
                access=access,
                published_on=published_on,
                source_url=source_url,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            if attachment is not None:
                _store(item, attachment)
                stored = item
            item.save()
            item.themes.set(themes)
            item.regions.set(regions)
            item.challenges.set(challenges)
            changes: Changes = {
                "kind": [None, kind],
                "title": [None, item.title],
                "summary": [None, item.summary],
                "link": [None, link or None],
                "attachment": [None, item.attachment_name or None],
                "access": [None, access],
                "published_on": [None, plain(published_on)],
                "themes": [[], sorted(theme.slug for theme in themes)],
                "regions": [[], sorted(region.slug for region in regions)],
                "challenges": [[], sorted(challenge.slug for challenge in challenges)],
            }
            record("item.created", item, changes=changes, source=source, user=user, organisation=owner)
            if getattr(user, "is_authenticated", False):
                follow(user, item, source=source)  # the author hears about reuses
            notify_followers(owner, NEW_ITEM, item.get_absolute_url(), exclude=user, params={"title": item.title})
            return item
    except BaseException:
        if stored is not None:
            stored.attachment.delete(save=False)
        raise


def update_item(
    item: Item,
    *,
    user: Any,
    kind: str,
    title: str,
    summary: str,
    themes: Iterable[Theme],
    regions: Iterable[Actor],
    link: str,
    challenges: Iterable[Challenge] = (),
    access: str,
    published_on: dt.date | None,
    source_url: str | None = None,
    attachment: Upload | None = None,
    remove_attachment: bool = False,
    source: str = SOURCE,
) -> Changes:
    """Change an item, auditing exactly what changed; a new file replaces the old one. The caller has checked
    that `user` may (permissions.get_item_for_managing). Returns the changes (empty if none). Refused when the
    item would be left with neither a link nor a file."""
    _check_choices(kind, access)
    themes, regions, challenges = list(themes), list(regions), list(challenges)
    new_file: Item | None = None
    old_file = None
    try:
        with transaction.atomic():
            item = Item.objects.select_for_update().select_related("owner").get(pk=item.pk)
            values: dict[str, Any] = {
                "kind": kind,
                "title": title.strip(),
                "summary": summary.strip(),
                "link": link,
                "access": access,
                "published_on": published_on,
            }
            if source_url is not None:
                values["source_url"] = source_url
            changes: Changes = {
                field: [plain(getattr(item, field)), plain(value)]
                for field, value in values.items()
                if getattr(item, field) != value
            }
            if attachment is not None or (remove_attachment and item.attachment):
                changes["attachment"] = [item.attachment_name or None, None]
                old_file = item.attachment.name or None
                item.attachment, item.attachment_name, item.attachment_size, item.attachment_type = "", "", None, ""
                if attachment is not None:
                    _store(item, attachment)
                    new_file = item
                    changes["attachment"][1] = item.attachment_name
            if not values["link"] and not item.attachment:
                raise KnowledgeRefused(_("Ange en länk eller bifoga en fil."))
            current = {
                "themes": sorted(item.themes.values_list("slug", flat=True)),
                "regions": sorted(item.regions.values_list("slug", flat=True)),
                "challenges": sorted(item.challenges.values_list("slug", flat=True)),
            }
            for name, wanted in (("themes", themes), ("regions", regions), ("challenges", challenges)):
                new = sorted(obj.slug for obj in wanted)
                if current[name] != new:
                    getattr(item, name).set(wanted)
                    changes[name] = [current[name], new]
            if changes:
                for field, value in values.items():
                    setattr(item, field, value)
                item.updated_at = timezone.now()
                item.save()
                record("item.updated", item, changes=changes, source=source, user=user, organisation=item.owner)
                notify_followers(item, ITEM_CHANGED, exclude=user)
            if old_file:
                transaction.on_commit(lambda: item.attachment.storage.delete(old_file))
            return changes
    except BaseException:
        if new_file is not None:
            new_file.attachment.delete(save=False)
        raise


def delete_item(item: Item, *, user: Any, source: str = SOURCE) -> None:
    """Remove an item with its requests and reuses; the audit row keeps what it was. The caller has checked
    that `user` may (permissions.get_item_for_managing)."""
    with transaction.atomic():
        item = Item.objects.select_for_update().select_related("owner").get(pk=item.pk)
        changes: Changes = {
            "kind": [item.kind, None],
            "title": [item.title, None],
            "summary": [item.summary, None],
            "link": [item.link or None, None],
            "attachment": [item.attachment_name or None, None],
            "access": [item.access, None],
            "reuses": [item.reuses.count(), None],
            "requests": [item.requests.count(), None],
        }
        record("item.deleted", item, changes=changes, source=source, user=user, organisation=item.owner)
        notify_followers(item, ITEM_REMOVED, reverse("knowledge:list"), exclude=user)
        name = item.attachment.name or None
        storage = item.attachment.storage
        item.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def request_access(item: Item, *, user: Any, actor: Actor, message: str = "", source: str = SOURCE) -> AccessRequest:
    """ "Kan vi ta del av detta?": `user` asks for `actor`. Refused (KnowledgeRefused) for an open item, for
    the owner itself, for an organisation the user does not work for, a too long message, and when the
    organisation already waits for an answer or has been granted access."""
    message = message.strip()
    if len(message) > MESSAGE_LENGTH:
        raise KnowledgeRefused(_too_long(MESSAGE_LENGTH, message))
    if actor.pk not in actor_ids(user):
        raise KnowledgeRefused(_("Du kan bara fråga för en organisation du tillhör."))
    if actor.pk == item.owner_id:
        raise KnowledgeRefused(_("Er organisation delar själv den här kunskapen."))
    with transaction.atomic():
        item = Item.objects.select_for_update().select_related("owner").get(pk=item.pk)
        if item.is_open:
            raise KnowledgeRefused(_("Kunskapen är öppen för alla. Ni behöver inte fråga."))
        earlier = set(
            AccessRequest.objects.filter(
                item=item, actor=actor, status__in=[AccessRequest.Status.WAITING, AccessRequest.Status.GRANTED]
            ).values_list("status", flat=True)
        )
        if AccessRequest.Status.GRANTED in earlier:
            raise KnowledgeRefused(_("%(actor)s har redan fått ta del av kunskapen.") % {"actor": actor.name})
        if AccessRequest.Status.WAITING in earlier:
            raise KnowledgeRefused(_("%(actor)s har redan frågat och väntar på svar.") % {"actor": actor.name})
        try:
            with transaction.atomic():
                created = AccessRequest.objects.create(item=item, actor=actor, user=user, message=message)
        except IntegrityError as clash:  # two colleagues asking at the same moment
            raise KnowledgeRefused(
                _("%(actor)s har redan frågat och väntar på svar.") % {"actor": actor.name}
            ) from clash
        changes: Changes = {"status": [None, created.status], "message": [None, message or None]}
        record(
            "accessrequest.created",
            created,
            changes=changes,
            source=source,
            user=user,
            organisation=actor,
            public=False,
        )
        follow(user, created, source=source)  # to hear the answer
        for editor in _owner_editors(item.owner):
            follow(editor, created, source="system")
        notify_followers(
            created,
            NEW_REQUEST,
            reverse("knowledge:inbox"),
            exclude=user,
            params={"organisation": actor.name, "title": item.title},
        )
        return created


def answer_request(
    access_request: AccessRequest, *, user: Any, grant: bool, answer: str, source: str = SOURCE
) -> AccessRequest:
    """The owner grants or declines a waiting request, with a message to the asking organisation. The caller
    has checked that `user` edits for the owner (permissions.get_request_for_answering). Refused for a request
    already answered and an empty or too long message."""
    answer = answer.strip()
    if not answer:
        raise KnowledgeRefused(_("Skriv ett svar till organisationen."))
    if len(answer) > ANSWER_LENGTH:
        raise KnowledgeRefused(_too_long(ANSWER_LENGTH, answer))
    with transaction.atomic():
        locked = (
            AccessRequest.objects.select_for_update().select_related("item__owner", "actor").get(pk=access_request.pk)
        )
        if not locked.is_waiting:
            raise KnowledgeRefused(_("Förfrågan är redan besvarad."))
        old = locked.status
        locked.status = AccessRequest.Status.GRANTED if grant else AccessRequest.Status.DECLINED
        locked.answer, locked.answered_by, locked.answered_at = answer, user, timezone.now()
        locked.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        changes: Changes = {"status": [old, locked.status], "answer": [None, answer]}
        record(
            "accessrequest.answered",
            locked,
            changes=changes,
            source=source,
            user=user,
            organisation=locked.item.owner,
            public=False,
        )
        notify_followers(
            locked,
            GRANTED if grant else DECLINED,
            locked.item.get_absolute_url(),
            exclude=user,
            params={"title": locked.item.title},
        )
        return locked


def record_reuse(
    item: Item,
    *,
    user: Any,
    actor: Actor,
    text: str,
    reused_on: dt.date | None = None,
    source_url: str = "",
    source: str = SOURCE,
    check_member: bool = True,
) -> Reuse:
    """ "Det fungerade för oss": `user` tells how `actor` reused `item`. Refused (KnowledgeRefused) for the
    owner itself, for an organisation the user does not work for (unless `check_member` is off, for the seed),
    for an empty or too long text, and when the organisation has already told."""
    text = text.strip()
    if not text:
        raise KnowledgeRefused(_("Berätta kort hur ni använde kunskapen."))
    if len(text) > REUSE_LENGTH:
        raise KnowledgeRefused(_too_long(REUSE_LENGTH, text))
    if check_member and actor.pk not in actor_ids(user):
        raise KnowledgeRefused(_("Du kan bara berätta för en organisation du tillhör."))
    if actor.pk == item.owner_id:
        raise KnowledgeRefused(_("Organisationen som delar kunskapen kan inte återanvända den."))
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if Reuse.objects.filter(item=item, actor=actor).exists():
            raise KnowledgeRefused(
                _("%(actor)s har redan berättat att de återanvänt den här kunskapen.") % {"actor": actor.name}
            )
        reuse = Reuse.objects.create(
            item=item,
            actor=actor,
            text=text,
            reused_on=reused_on,
            source_url=source_url,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        changes: Changes = {"text": [None, text], "reused_on": [None, plain(reuse.reused_on)]}
        record("reuse.created", reuse, changes=changes, source=source, user=user, organisation=actor)
        notify_followers(item, NEW_REUSE, exclude=user, params={"organisation": actor.name})
        return reuse


def _check_choices(kind: str, access: str) -> None:
    if kind not in Item.Kind.values:
        raise KnowledgeRefused(_("Välj vilken typ av kunskap det är."))
    if access not in Item.Access.values:
        raise KnowledgeRefused(_("Välj vem som får öppna länken och filen."))


def _store(item: Item, upload: Upload) -> None:
    file, kind = upload
    item.attachment_name = uploads.clean_name(file.name or "")
    item.attachment_size = file.size or 0
    item.attachment_type = kind.content_type
    item.attachment.save(f"{uuid.uuid4().hex}.{kind.extension}", file, save=False)


def _free_slug(title: str) -> str:
    base = slugify(title)[:80].strip("-") or "kunskap"
    slug, n = base, 1
    while Item.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _owner_editors(owner: Actor) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            affiliations__actor=owner,
            affiliations__role__in=[Affiliation.Role.EDITOR, Affiliation.Role.ADMIN],
        ).distinct()
    )


def _too_long(limit: int, text: str) -> str:
    return _("Texten är för lång: skriv högst %(limit)d tecken (nu %(count)d).") % {
        "limit": limit,
        "count": len(text),
    }


def apply_knowledge_data(rows: Iterable[ItemRow]) -> str:
    """Make the seeded items and reuses match data/knowledge (reference_data.load), auditing each change with
    source "seed". Items are found by slug; items and reuses the files no longer name are left as they are
    (organisations may have changed them). A second run changes nothing. Returns a one-line summary."""
    created = updated = reuses = 0
    rows = list(rows)
    actors = {
        a.slug: a
        for a in Actor.objects.filter(slug__in={r.owner for r in rows} | {u.actor for r in rows for u in r.reuses})
    }
    existing = {
        item.slug: item
        for item in Item.objects.filter(slug__in=[row.slug for row in rows])
        .select_related("owner")
        .prefetch_related("themes", "regions", "challenges")
    }
    reused = {(r.item_id, r.actor_id): r for r in Reuse.objects.filter(item__in=list(existing.values()))}
    for row in rows:
        with transaction.atomic():
            item = existing.get(row.slug)
            is_new = item is None
            owner = actors[row.owner]
            values = {
                "kind": row.kind,
                "title": row.title,
                "owner": owner,
                "summary": row.summary,
                "link": row.link,
                "access": row.access,
                "published_on": row.published_on,
                "source_url": row.source_url,
            }
            m2m = {"themes": set(row.themes), "regions": set(row.regions), "challenges": set(row.challenges)}
            item = item or Item(slug=row.slug)
            changes = save_tracked(item, values, source="seed", organisation=owner, m2m=m2m)
            if is_new:
                created += 1
            elif changes:
                updated += 1
            for reuse_row in row.reuses:
                actor = actors[reuse_row.actor]
                reuse = reused.get((item.pk, actor.pk)) or Reuse(item=item, actor=actor)
                reuse_values = {
                    "text": reuse_row.text,
                    "reused_on": reuse_row.reused_on,
                    "source_url": reuse_row.source_url,
                }
                if save_tracked(reuse, reuse_values, source="seed", organisation=actor):
                    reuses += 1
    return f"{len(rows)} items read, {created} created, {updated} updated, {reuses} reuses created or updated"
