"""The only writes to the knowledge bank. Each runs in one transaction with its audit row.

Items and reuses are shown on public pages, so their audit rows are public (they move the page cache's version,
audit/cache.py). Access requests are between two organisations and never shown publicly: audited `public=False`.
Each row names the organisation acted for: the owner for its items and answers, the asking or reusing
organisation for a request or a reuse.

Nothing people give is lost (issue 14): a change to an item names the version it was made from, and one made
from an older version is refused with what changed meanwhile (audit.actions.Stale); an item that other people's
requests, reuses, comments or follows point at is retired instead of deleted; every state change re-reads its row
under a lock and refuses (KnowledgeRefused, a 409) what another person has just made impossible; and the seed
(`apply_knowledge_data`) keeps the owners' own items and their changes to reference items (audit.reference).

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
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import actor_ids
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, check_version, plain, record, retire_tracked, save_tracked
from krokarm.audit.dependents import people_depend_on
from krokarm.audit.models import ReferenceRecord
from krokarm.audit.reference import Seeder, SyncSummary
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
from krokarm.lib.errors import Refused
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

# Refusals for an item its owner has removed (retired) while someone had its page open.
REMOVED_NOT_SAVED = gettext_lazy(
    "Ändringen sparades inte: kunskapen har tagits bort ur kunskapsbanken medan du skrev. Det du skrev finns kvar "
    "nedan, så att du kan spara det någon annanstans."
)
REMOVED_ALREADY = gettext_lazy("Kunskapen är redan borttagen ur kunskapsbanken.")
REMOVED_NO_REQUEST = gettext_lazy(
    "Kunskapen har tagits bort ur kunskapsbanken, så det går inte längre att fråga om att ta del av den."
)
REMOVED_NO_REUSE = gettext_lazy(
    "Kunskapen har tagits bort ur kunskapsbanken, så det går inte längre att berätta om den här."
)
NEEDS_LINK_OR_FILE = gettext_lazy("Ange en länk eller bifoga en fil.")

Upload = tuple[UploadedFile, uploads.Kind]  # an uploaded file and the kind uploads.check found


class KnowledgeRefused(Refused):
    """The change cannot be made; the message says why, in Swedish, for the person who tried (answered 409)."""


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
    Refused (KnowledgeRefused) without a link or a file, or with an unknown kind or access. Two people sharing
    items with the same title at the same instant both get theirs (the second takes the next free slug)."""
    _check_choices(kind, access)
    if not link and attachment is None:
        raise KnowledgeRefused(NEEDS_LINK_OR_FILE)
    signed_in = getattr(user, "is_authenticated", False)
    item = Item(owner=owner, created_by=user if signed_in else None)
    file_values = _stored_file(attachment) if attachment is not None else {}
    try:
        with transaction.atomic():
            given = {
                "kind": kind,
                "title": title.strip(),
                "summary": summary.strip(),
                "link": link,
                "access": access,
                "published_on": published_on,
                "source_url": source_url,
                **file_values,
            }
            values = {name: value for name, value in given.items() if value not in ("", None)}
            _insert(item, values, _m2m(themes, regions, challenges), slug=slug, source=source, user=user)
            if signed_in:
                follow(user, item, source=source)  # the author hears about reuses
            notify_followers(owner, NEW_ITEM, item.get_absolute_url(), exclude=user, params={"title": item.title})
            return item
    except BaseException:
        if file_values:
            _delete_file(file_values["attachment"])
        raise


def _insert(item: Item, values: dict[str, Any], m2m: dict[str, set[str]], *, slug: str, source: str, user: Any) -> None:
    """Insert `item` under `slug`, or a free slug made from its title. A free slug that another item took in the
    meantime (two people sharing the same title at once) is replaced by the next free one."""
    for attempt in range(3):
        item.pk, item.slug = None, slug or _free_slug(values["title"])
        try:
            save_tracked(item, values, source=source, user=user, organisation=item.owner, m2m=m2m)
            return
        except Refused:
            if slug or attempt == 2:
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
    expected_version: int | None = None,
    source: str = SOURCE,
) -> Changes:
    """Change an item, auditing exactly what changed; a new file replaces the old one. The caller has checked
    that `user` may (permissions.get_item_for_managing). Returns the changes (empty if none).

    With `expected_version` (the version the person's form was filled in from) an item changed since raises
    audit.actions.Stale and nothing is written. Refused (KnowledgeRefused) for an item removed meanwhile and
    when the item would be left with neither a link nor a file."""
    _check_choices(kind, access)
    new_file = ""
    try:
        with transaction.atomic():
            stored = _locked_item(item, REMOVED_NOT_SAVED)
            check_version(stored, expected_version)
            if not stored.is_current:
                raise KnowledgeRefused(REMOVED_NOT_SAVED)
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
            old_file = stored.attachment.name or ""
            if attachment is not None:
                values.update(_stored_file(attachment))
                new_file = values["attachment"]
            elif remove_attachment and old_file:
                values.update(attachment="", attachment_name="", attachment_size=None, attachment_type="")
            if not values["link"] and not values.get("attachment", old_file):
                raise KnowledgeRefused(NEEDS_LINK_OR_FILE)
            changes = save_tracked(
                stored,
                values,
                source=source,
                user=user,
                organisation=stored.owner,
                m2m=_m2m(themes, regions, challenges),
                expected_version=expected_version,
                fresh=True,
            )
            _copy_fields(stored, item)
            if changes:
                notify_followers(stored, ITEM_CHANGED, exclude=user)
            if old_file and "attachment" in changes:
                transaction.on_commit(lambda: _delete_file(old_file))
            return changes
    except BaseException:
        if new_file:
            _delete_file(new_file)
        raise


def delete_item(item: Item, *, user: Any, expected_version: int | None = None, source: str = SOURCE) -> str:
    """Take an item out of the knowledge bank for its owner; returns "deleted" or "retired".

    Deleted, with an audit row that keeps what it was, when nothing other people made points at it. Retired
    (kept, out of the list, the search, the exports and the API, its page saying it was removed) when requests,
    reuses, comment threads or follows point at it, so that nothing is left pointing at nothing — and always for
    an item from data/knowledge, so that the next seed does not bring it back. The caller has checked that `user`
    may (permissions.get_item_for_managing). With `expected_version` an item changed since raises Stale."""
    with transaction.atomic():
        stored = _locked_item(item)
        check_version(stored, expected_version)
        if not stored.is_current:
            raise KnowledgeRefused(REMOVED_ALREADY)
        notify_followers(stored, ITEM_REMOVED, reverse("knowledge:list"), exclude=user)
        if _is_reference(stored) or people_depend_on(stored):
            retire_tracked(stored, source=source, user=user, organisation=stored.owner)
            _copy_fields(stored, item)
            return "retired"
        _delete(stored, source=source, user=user)
        if stored.attachment.name:
            name = stored.attachment.name
            transaction.on_commit(lambda: _delete_file(name))
        return "deleted"


def _delete(item: Item, *, source: str, user: Any) -> None:
    """Delete `item` with an audit row holding every field's value but the person who added it: audit rows
    outlive accounts, and a deleted account's name must not stay in them (accounts.actions.delete_account).
    The requests and reuses it had go with it (none from other people: delete_item retires it then)."""
    was: Changes = {
        field.name: [plain(getattr(item, field.name)), None]
        for field in item._meta.concrete_fields
        if not field.primary_key and field.name != "created_by"
    }
    record("item.deleted", item, changes=was, source=source, user=user, organisation=item.owner)
    item.delete()


def request_access(item: Item, *, user: Any, actor: Actor, message: str = "", source: str = SOURCE) -> AccessRequest:
    """ "Kan vi ta del av detta?": `user` asks for `actor`. Refused (KnowledgeRefused) for an open or removed
    item, for the owner itself, for an organisation the user does not work for, a too long message, and when the
    organisation already waits for an answer or has been granted access — also when a colleague asked at the
    same instant (the item is locked while the request is made, and one open request per organisation is a
    unique index)."""
    message = message.strip()
    if len(message) > MESSAGE_LENGTH:
        raise KnowledgeRefused(_too_long(MESSAGE_LENGTH, message))
    if actor.pk not in actor_ids(user):
        raise KnowledgeRefused(_("Du kan bara fråga för en organisation du tillhör."))
    if actor.pk == item.owner_id:
        raise KnowledgeRefused(_("Er organisation delar själv den här kunskapen."))
    waiting = _("%(actor)s har redan frågat och väntar på svar.") % {"actor": actor.name}
    with transaction.atomic():
        item = _locked_item(item, REMOVED_NO_REQUEST)
        if not item.is_current:
            raise KnowledgeRefused(REMOVED_NO_REQUEST)
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
            raise KnowledgeRefused(waiting)
        try:
            with transaction.atomic():
                created = AccessRequest.objects.create(item=item, actor=actor, user=user, message=message)
        except IntegrityError as clash:  # two colleagues asking at the same moment
            raise KnowledgeRefused(waiting) from clash
        # Written by hand rather than through save_tracked: a request is audited public=False (see above).
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
    has checked that `user` edits for the owner (permissions.get_request_for_answering). Refused for an empty or
    too long message and for a request already answered — also by a colleague at the same instant: the request
    is read again under a lock, so exactly one answer is saved and the other person is told."""
    answer = answer.strip()
    if not answer:
        raise KnowledgeRefused(_("Skriv ett svar till organisationen."))
    if len(answer) > ANSWER_LENGTH:
        raise KnowledgeRefused(_too_long(ANSWER_LENGTH, answer))
    with transaction.atomic():
        found = (
            AccessRequest.objects.select_for_update(of=("self",))
            .select_related("item__owner", "actor", "answered_by")
            .filter(pk=access_request.pk)
            .first()
        )
        if found is None:  # the item was deleted, and its requests with it, after the inbox was shown
            raise KnowledgeRefused(_("Förfrågan finns inte längre: kunskapen den gällde har tagits bort."))
        if not found.is_waiting:
            raise KnowledgeRefused(_already_answered(found))
        old = found.status
        found.status = AccessRequest.Status.GRANTED if grant else AccessRequest.Status.DECLINED
        found.answer, found.answered_by, found.answered_at = answer, user, timezone.now()
        found.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        # By hand rather than through save_tracked: audited public=False, like the request.
        changes: Changes = {"status": [old, found.status], "answer": [None, answer]}
        record(
            "accessrequest.answered",
            found,
            changes=changes,
            source=source,
            user=user,
            organisation=found.item.owner,
            public=False,
        )
        notify_followers(
            found,
            GRANTED if grant else DECLINED,
            found.item.get_absolute_url(),
            exclude=user,
            params={"title": found.item.title},
        )
        return found


def _already_answered(found: AccessRequest) -> str:
    """Who answered first and how, so that a colleague answering at the same time knows what the asker got."""
    who = (found.answered_by.get_full_name() or found.answered_by.email) if found.answered_by else ""
    if who:
        return _("Förfrågan är redan besvarad av %(who)s: %(status)s. Ditt svar skickades inte.") % {
            "who": who,
            "status": found.get_status_display().lower(),
        }
    return _("Förfrågan är redan besvarad: %(status)s. Ditt svar skickades inte.") % {
        "status": found.get_status_display().lower()
    }


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
    """ "Det fungerade för oss": `user` tells how `actor` reused `item`. Refused (KnowledgeRefused) for a removed
    item, for the owner itself, for an organisation the user does not work for (unless `check_member` is off),
    for an empty or too long text, and when the organisation has already told — also when a colleague told at
    the same instant (the item is locked meanwhile; one reuse per organisation is a unique index)."""
    text = text.strip()
    if not text:
        raise KnowledgeRefused(_("Berätta kort hur ni använde kunskapen."))
    if len(text) > REUSE_LENGTH:
        raise KnowledgeRefused(_too_long(REUSE_LENGTH, text))
    if check_member and actor.pk not in actor_ids(user):
        raise KnowledgeRefused(_("Du kan bara berätta för en organisation du tillhör."))
    if actor.pk == item.owner_id:
        raise KnowledgeRefused(_("Organisationen som delar kunskapen kan inte återanvända den."))
    told = _("%(actor)s har redan berättat att de återanvänt den här kunskapen.") % {"actor": actor.name}
    with transaction.atomic():
        item = _locked_item(item, REMOVED_NO_REUSE)
        if not item.is_current:
            raise KnowledgeRefused(REMOVED_NO_REUSE)
        if Reuse.objects.filter(item=item, actor=actor).exists():
            raise KnowledgeRefused(told)
        reuse = Reuse(item=item, actor=actor, created_by=user if getattr(user, "is_authenticated", False) else None)
        given = {"text": text, "reused_on": reused_on, "source_url": source_url}
        try:
            save_tracked(
                reuse,
                {name: value for name, value in given.items() if value not in ("", None)},
                source=source,
                user=user,
                organisation=actor,
            )
        except Refused as clash:  # the unique index: a colleague told at the same moment
            raise KnowledgeRefused(told) from clash
        notify_followers(item, NEW_REUSE, exclude=user, params={"organisation": actor.name})
        return reuse


def _locked_item(item: Item, gone: Any = REMOVED_ALREADY) -> Item:
    """The item as stored now, retired or not, locked until the transaction ends (not its owner's row).
    Refused with `gone` when another person deleted it after this person's page was shown."""
    try:
        return Item.all_objects.select_for_update(of=("self",)).select_related("owner").get(pk=item.pk)
    except Item.DoesNotExist as deleted:
        raise KnowledgeRefused(gone) from deleted


def _check_choices(kind: str, access: str) -> None:
    if kind not in Item.Kind.values:
        raise KnowledgeRefused(_("Välj vilken typ av kunskap det är."))
    if access not in Item.Access.values:
        raise KnowledgeRefused(_("Välj vem som får öppna länken och filen."))


def _m2m(themes: Iterable[Theme], regions: Iterable[Actor], challenges: Iterable[Challenge]) -> dict[str, set[str]]:
    return {
        "themes": {theme.slug for theme in themes},
        "regions": {region.slug for region in regions},
        "challenges": {challenge.slug for challenge in challenges},
    }


def _stored_file(upload: Upload) -> dict[str, Any]:
    """Store an uploaded file under a random name; the item's file fields for it."""
    file, kind = upload
    field = Item._meta.get_field("attachment")
    assert isinstance(field, models.FileField)
    name = field.generate_filename(None, f"{uuid.uuid4().hex}.{kind.extension}")
    stored = field.storage.save(name, file, max_length=field.max_length)
    return {
        "attachment": stored,
        "attachment_name": uploads.clean_name(file.name or ""),
        "attachment_size": file.size or 0,
        "attachment_type": kind.content_type,
    }


def _delete_file(name: str) -> None:
    field = Item._meta.get_field("attachment")
    assert isinstance(field, models.FileField)
    field.storage.delete(name)


def _copy_fields(source: models.Model, target: models.Model) -> None:
    """Let the caller's object hold what is stored now."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _is_reference(item: Item) -> bool:
    """Whether the item came from data/knowledge (audit.reference keeps a record of it)."""
    return ReferenceRecord.objects.filter(target_type=Item._meta.label_lower, target_id=str(item.pk)).exists()


def _free_slug(title: str) -> str:
    base = slugify(title)[:80].strip("-") or "kunskap"
    slug, n = base, 1
    while Item.all_objects.filter(slug=slug).exists():
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


def apply_knowledge_data(rows: Iterable[ItemRow], *, source: str = "seed", take_file: bool = False) -> SyncSummary:
    """Make the reference items and their reuses follow data/knowledge (reference_data.load), keeping everybody's
    own work. The caller must have applied the actors' and the challenges' reference data first.

    Items are matched on slug and reuses on item + organisation, and written through audit.reference.Seeder: an
    item an owner has changed on the site keeps the owner's values (reported as conflicts; `take_file` takes the
    file's), items and reuses people made are never changed or deleted, an item its owner removed stays removed,
    and an item the files no longer hold is deleted only when nothing people made points at it — otherwise it is
    retired. The rows are read with SELECT … FOR UPDATE, so an edit on the site waits for the seed. A second run
    changes nothing and writes no audit row.
    """
    rows = list(rows)
    seeder = Seeder(source=source, take_file=take_file)
    with transaction.atomic():
        slugs = {row.owner for row in rows} | {reuse.actor for row in rows for reuse in row.reuses}
        actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=slugs)}
        items = {
            item.slug: item
            for item in Item.all_objects.select_related("owner")
            .prefetch_related("themes", "regions", "challenges")
            .select_for_update(of=("self",))
        }
        reuses = {(r.item_id, r.actor_id): r for r in Reuse.objects.select_for_update(of=("self",))}
        for row in rows:
            item = items.get(row.slug) or Item(slug=row.slug)
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
            if seeder.save(item, values, file=row.file, key=row.slug, m2m=m2m, organisation=owner) is None:
                continue  # an item an organisation shared under this slug is theirs alone (reported as a conflict)
            items[row.slug] = item
            for reuse_row in row.reuses:
                actor = actors[reuse_row.actor]
                reuse = reuses.get((item.pk, actor.pk)) or Reuse(item=item, actor=actor)
                reuse_values = {
                    "text": reuse_row.text,
                    "reused_on": reuse_row.reused_on,
                    "source_url": reuse_row.source_url,
                }
                key = f"{row.slug} / återanvänd av / {actor.slug}"
                seeder.save(reuse, reuse_values, file=row.file, key=key, organisation=actor)
        # Reuses first, so that each one the files dropped is audited on its own before its item may go.
        seeder.remove_unseen(Reuse)
        seeder.remove_unseen(Item)
    return seeder.summary
