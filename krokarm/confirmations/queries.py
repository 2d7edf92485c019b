"""What an organisation confirms ("its items") and when each was last checked or confirmed.

An organisation's items: the actor itself (its mandate and profile), its current responsibilities and services;
for a region also its current strategies, the phases of its processes and its entry points that have not closed.
EU programmes are left out: funding/permissions.py keeps them read-only on the site (the seed and the admin
change them), so nobody at the managing authority may edit them, and confirming follows editing.

The feature apps' models are found through the app registry (`apps.get_model`), never imported: actors,
strategies and funding know nothing of this app, and this app adds no import edge to them.

An item was last checked on the newest of: the day its reference row in data/ was checked (`ReferenceRecord
.checked_on`), the day its organisation confirmed it (an audit row
"confirmed"), and the day its organisation changed it on the site or through the API (an edit is a check too:
a service made yesterday needs no confirming). Nothing else is stored: no table of confirmations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Max, Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from krokarm.audit.models import AuditEntry, ReferenceRecord

# The audit action of a confirmation (the contract with the pages that show "Bekräftad av …").
CONFIRMED = "confirmed"
# The audit action of a yearly reminder to an organisation's editors (actions.remind_to_confirm).
REMINDED = "actor.reminded_to_confirm"
# Data not checked for longer than this "Behöver bekräftas"; a reminder goes out at most this often.
YEAR = dt.timedelta(days=365)
# Changes made by the organisation's own people: on the site or through the API (not the seed, not the admin).
EDIT_SOURCES = ("web", "api")
# With more items than this the date queries read whole types instead of long lists of ids (the coordinators'
# overview and the reminder job read every organisation at once).
MANY = 500

HOW_CHECKED, HOW_CONFIRMED, HOW_EDITED = "checked", "confirmed", "edited"


@dataclass
class Item:
    """One thing an organisation confirms, with where it is shown and when it was last checked."""

    kind: str  # its kind's name in the confirm address (KINDS)
    obj: Model
    organisation_id: int
    name: str
    url: str
    checked_on: dt.date | None = None
    how: str = ""  # HOW_CHECKED, HOW_CONFIRMED or HOW_EDITED: what the date above is
    stale: bool = False

    @property
    def label(self) -> str:
        """What kind of item it is, in the site's words (the model's verbose name)."""
        return str(capfirst(self.obj._meta.verbose_name))

    @property
    def target(self) -> tuple[str, str]:
        return (self.obj._meta.label_lower, str(self.obj.pk))


Finder = Callable[[Iterable[int], dt.date, "int | None"], list[Item]]


def _model(label: str) -> Any:
    return apps.get_model(label)


def _only(queryset: Any, pk: int | None) -> Any:
    return queryset if pk is None else queryset.filter(pk=pk)


def _actors(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    found = _only(_model("actors.Actor").objects.filter(pk__in=ids), pk)
    return [Item("aktor", a, a.pk, a.name, a.get_absolute_url()) for a in found]


def _responsibilities(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    found = _only(_model("actors.Responsibility").objects.filter(actor_id__in=ids), pk).select_related("actor", "theme")
    return [
        Item(
            "ansvar",
            r,
            r.actor_id,
            f"{r.get_role_display()}: {r.theme.name}",
            f"{r.actor.get_absolute_url()}#resp-{r.pk}",
        )
        for r in found
    ]


def _services(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    found = _only(_model("actors.Service").objects.filter(actor_id__in=ids), pk).select_related("actor")
    return [Item("tjanst", s, s.actor_id, s.name, s.actor.get_absolute_url()) for s in found]


def _region_url(region: Any) -> str:
    return reverse("strategies:region", args=[region.slug])


def _strategies(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    """The strategies in force (an old strategy is history, not something to keep up to date)."""
    found = _only(_model("strategies.Strategy").objects.filter(region_id__in=ids, is_current=True), pk)
    return [Item("strategi", s, s.region_id, s.name, _region_url(s.region)) for s in found.select_related("region")]


def _phases(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    found = _only(_model("strategies.Phase").objects.filter(process__region_id__in=ids), pk)
    found = found.select_related("process__region").order_by("process__title", "starts_on", "pk")
    return [Item("fas", p, p.process.region_id, str(p), _region_url(p.process.region)) for p in found]


def _entry_points(ids: Iterable[int], today: dt.date, pk: int | None) -> list[Item]:
    """The current entry points that have not closed: a closed one asks nobody for anything any more."""
    found = _only(_model("strategies.EntryPoint").objects.filter(phase__process__region_id__in=ids), pk)
    found = found.filter(closes_on__gte=today).select_related("phase__process__region")
    return [Item("ingang", e, e.phase.process.region_id, e.title, e.get_absolute_url()) for e in found]


# Kind name in the address → the items of that kind for some organisations (one query each).
KINDS: dict[str, Finder] = {
    "aktor": _actors,
    "ansvar": _responsibilities,
    "tjanst": _services,
    "strategi": _strategies,
    "fas": _phases,
    "ingang": _entry_points,
}


def items_of(actor_ids: Iterable[int], today: dt.date | None = None) -> dict[int, list[Item]]:
    """Every item of each organisation in `actor_ids`, with its last check, stale ones first (oldest first), then
    in the order of KINDS. A fixed number of queries, however many organisations and items."""
    today = today or timezone.localdate()
    ids = list(actor_ids)
    found: dict[int, list[Item]] = {pk: [] for pk in ids}
    every: list[Item] = []
    for finder in KINDS.values():
        for item in finder(ids, today, None):
            found.setdefault(item.organisation_id, []).append(item)
            every.append(item)
    date_items(every, today)
    for items in found.values():
        items.sort(key=lambda item: (0, item.checked_on or dt.date.min) if item.stale else (1, dt.date.min))
    return found


def item(organisation: Any, kind: str, pk: int, today: dt.date | None = None) -> Item | None:
    """The organisation's item of `kind` with primary key `pk`, or None (unknown kind, or not its item)."""
    finder = KINDS.get(kind)
    if finder is None:
        return None
    found = finder([organisation.pk], today or timezone.localdate(), pk)
    return found[0] if found else None


def _targets(items: list[Item]) -> Q:
    labels = {item.target[0] for item in items}
    if len(items) > MANY:
        return Q(target_type__in=labels)
    by_label: dict[str, list[str]] = {}
    for item in items:
        by_label.setdefault(item.target[0], []).append(item.target[1])
    query = Q(pk__in=[])
    for label, pks in by_label.items():
        query |= Q(target_type=label, target_id__in=pks)
    return query


def _later(current: tuple[dt.date, str] | None, day: dt.date, how: str) -> tuple[dt.date, str]:
    return (day, how) if current is None or day > current[0] else current


def date_items(items: list[Item], today: dt.date) -> None:
    """Set each item's `checked_on`, `how` and `stale` (three queries)."""
    if not items:
        return
    where = _targets(items)
    newest: dict[tuple[str, str], tuple[dt.date, str]] = {}
    for record in ReferenceRecord.objects.filter(where, retired_at=None).defer("values"):
        # The day someone compared the row with its source (data/'s `checked_on`); reading a file in again is not a
        # check, so a record without one counts as never checked.
        day = record.checked_on
        if day is None:
            continue
        key = (record.target_type, record.target_id)
        newest[key] = _later(newest.get(key), day, HOW_CHECKED)
    edits = (
        AuditEntry.objects.filter(where, Q(action__endswith=".created") | Q(action__endswith=".updated"))
        .filter(source__in=EDIT_SOURCES)
        .values("target_type", "target_id")
        .annotate(last=Max("created_at"))
        .order_by()
    )
    for row in edits:
        key = (row["target_type"], row["target_id"])
        newest[key] = _later(newest.get(key), timezone.localdate(row["last"]), HOW_EDITED)
    # The day a confirmation is for is the one it names (the contract: changes["confirmed_on"]); on a tie with a
    # check or an edit, the confirmation is what the page says.
    confirmed = AuditEntry.objects.filter(where, action=CONFIRMED).values_list("target_type", "target_id", "changes")
    for target_type, target_id, change in confirmed:
        day = _day(change.get("confirmed_on", [None, None])[1])
        key = (target_type, target_id)
        if day is not None and (key not in newest or day >= newest[key][0]):
            newest[key] = (day, HOW_CONFIRMED)
    for item in items:
        day_how = newest.get(item.target)
        item.checked_on, item.how = day_how if day_how else (None, "")
        item.stale = is_stale(item.checked_on, today)


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def is_stale(checked_on: dt.date | None, today: dt.date) -> bool:
    """Never checked, or checked more than a year ago."""
    return checked_on is None or today - checked_on > YEAR


@dataclass
class Summary:
    """One organisation's row in the coordinators' overview."""

    organisation: Any
    items: int
    stale: int
    oldest: dt.date | None  # the oldest check among its items; None when an item was never checked
    never_checked: bool
    reminded_on: dt.date | None


def last_reminders(actor_ids: Iterable[int]) -> dict[int, dt.date]:
    """The day each organisation's editors were last reminded to confirm (one query; the day the reminder
    job counted as today, which it writes in the audit row)."""
    rows = AuditEntry.objects.filter(
        action=REMINDED, target_type="actors.actor", target_id__in=[str(pk) for pk in actor_ids]
    ).values_list("target_id", "changes", "created_at")
    found: dict[int, dt.date] = {}
    for target_id, changes, created_at in rows:
        written = changes.get("reminded_on", [None, None])[1]
        day = dt.date.fromisoformat(written) if written else timezone.localdate(created_at)
        pk = int(target_id)
        if pk not in found or day > found[pk]:
            found[pk] = day
    return found


def stale_organisations(today: dt.date | None = None) -> list[Summary]:
    """The current organisations with at least one stale item, stalest first: never-checked items first, then
    by the oldest check, then by the number of stale items. A fixed number of queries."""
    today = today or timezone.localdate()
    actors = {a.pk: a for a in _model("actors.Actor").objects.order_by("name")}
    items = items_of(actors, today)
    reminded = last_reminders(actors)
    summaries = []
    for pk, actor in actors.items():
        mine = items.get(pk, [])
        stale = sum(1 for item in mine if item.stale)
        if not stale:
            continue
        days = [item.checked_on for item in mine if item.checked_on is not None]
        never = any(item.checked_on is None for item in mine)
        summaries.append(Summary(actor, len(mine), stale, min(days) if days else None, never, reminded.get(pk)))
    summaries.sort(key=lambda s: (not s.never_checked, s.oldest or dt.date.min, -s.stale, s.organisation.name))
    return summaries
