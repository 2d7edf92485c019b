"""Confirming an organisation's data, and the yearly reminder to do it (issue 16, point 3).

A confirmation is an audit row, nothing more: `confirmed` on the item, for the confirming organisation, public
(the pages show "Bekräftad av …"), with `changes={"confirmed_on": [None, day]}`. One click confirms one item:
there is deliberately no "confirm everything", so that every confirmation means someone looked at that item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import Affiliation, User
from krokarm.audit.actions import Changes, locked, record
from krokarm.audit.models import AuditEntry
from krokarm.confirmations import permissions, queries
from krokarm.lib.errors import Refused
from krokarm.notifications.actions import notify_user

# Told to each organisation's editors (remind_to_confirm); stored in Swedish (notifications.actions.notify_user).
REMINDER = gettext_lazy(
    "Uppgifter om %(actor)s i krokarm har inte bekräftats på över ett år: %(stale)s av %(total)s. "
    "Titta igenom dem och bekräfta det som stämmer, ett klick per uppgift."
)


class NotAllowed(Refused):
    """Someone who may not edit the item (or not for this organisation) tried to confirm it."""

    status = 403
    code = "not_allowed"


def confirm(
    user: Any, obj: Model, organisation: Any, *, today: dt.date | None = None, source: str = "web"
) -> AuditEntry:
    """Record that `user`, for `organisation`, confirmed that `obj` is right as shown. Refuses (NotAllowed)
    unless `obj` is the organisation's and `user` may edit it. Confirming the same item again the same day
    writes nothing and returns the day's confirmation. The item is locked while it is looked up, so two clicks
    at once leave one row."""
    today = today or timezone.localdate()
    if not permissions.can_confirm(user, obj, organisation):
        raise NotAllowed(
            _("Du kan inte bekräfta uppgifter för %(actor)s. Det kan bara organisationens redaktörer.")
            % {"actor": organisation.name}
        )
    with transaction.atomic():
        locked(obj)
        latest = (
            AuditEntry.objects.filter(
                action=queries.CONFIRMED, target_type=obj._meta.label_lower, target_id=str(obj.pk)
            )
            .order_by("-id")
            .first()
        )
        if latest is not None and latest.changes.get("confirmed_on", [None, None])[1] == today.isoformat():
            return latest
        return record(
            queries.CONFIRMED,
            obj,
            source=source,
            user=user,
            organisation=organisation,
            changes={"confirmed_on": [None, today.isoformat()]},
            public=True,
        )


def _editors_of(actor_ids: list[int]) -> dict[int, list[User]]:
    """Each organisation's active editors and organisation admins (those who may confirm), in one query."""
    found: dict[int, list[User]] = {}
    affiliations = (
        Affiliation.objects.filter(
            actor_id__in=actor_ids, role__in=[Affiliation.Role.EDITOR, Affiliation.Role.ADMIN], user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    for affiliation in affiliations:
        users = found.setdefault(affiliation.actor_id, [])
        if affiliation.user not in users:
            users.append(affiliation.user)
    return found


def remind_to_confirm(*, today: dt.date | None = None, source: str = "job") -> list[tuple[Any, int, int]]:
    """Tell the editors of each organisation with an item not checked or confirmed for over a year to confirm
    their data, at most once a year per organisation (`queries.YEAR` after the last reminder).

    One transaction locks the organisations that have editors, reads their items and the reminders already
    sent, and writes the notifications (the digests e-mail them) with one audit row per reminder
    (`actor.reminded_to_confirm`, not public). Two runs at once never remind twice (the second waits for the
    lock, then sees the first's rows), and a failed run reminds again next time. Returns each reminded
    organisation with its number of stale items and the number of editors told."""
    today = today or timezone.localdate()
    Actor = apps.get_model("actors", "Actor")
    with transaction.atomic():
        with_editors = Affiliation.objects.filter(
            role__in=[Affiliation.Role.EDITOR, Affiliation.Role.ADMIN], user__is_active=True
        ).values("actor_id")
        ids = list(Actor.objects.select_for_update().filter(pk__in=with_editors).values_list("pk", flat=True))
        reminded = queries.last_reminders(ids)
        due = [pk for pk in ids if pk not in reminded or today - reminded[pk] >= queries.YEAR]
        items = queries.items_of(due, today)
        stale = {pk: sum(1 for item in items.get(pk, []) if item.stale) for pk in due}
        due = [pk for pk in due if stale[pk]]
        editors = _editors_of(due)
        done: list[tuple[Any, int, int]] = []
        for organisation in Actor.objects.filter(pk__in=due).order_by("name"):
            told = editors.get(organisation.pk, [])
            params = {"actor": organisation.name, "stale": stale[organisation.pk], "total": len(items[organisation.pk])}
            link = reverse("confirmations:organisation", args=[organisation.slug])
            for editor in told:
                notify_user(editor, REMINDER, link, params=params)
            changes: Changes = {
                "stale_items": [None, stale[organisation.pk]],
                "notifications": [None, len(told)],
                "reminded_on": [None, today.isoformat()],
            }
            record(
                queries.REMINDED, organisation, changes=changes, source=source, organisation=organisation, public=False
            )
            done.append((organisation, stale[organisation.pk], len(told)))
    return done
