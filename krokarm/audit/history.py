"""How audit rows read to people: the model's names for fields and kinds, values in words, and (on an object's
page) the reference-data load as one line.

Generic over every audited model: a row names its model by label (`AuditEntry.target_type`), so nothing here
imports the apps whose rows it describes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.audit.models import AuditEntry

VERBS = {
    "created": gettext_lazy("%(kind)s lades till"),
    "updated": gettext_lazy("%(kind)s ändrades"),
    "deleted": gettext_lazy("%(kind)s togs bort"),
    "saved": gettext_lazy("%(kind)s sparades"),
    "retired": gettext_lazy("%(kind)s gäller inte längre"),
}
# What a row says by itself, even when none of its fields is shown (a retired row changes a derived field only).
STANDS_ALONE = {"created", "deleted", "retired"}
# The source of the rows the reference-data load (`krokarm seed`) writes.
SEED = "seed"


def kind_label(target_type: str) -> str:
    """'actors.responsibility' → 'Ansvar' (the model's Swedish name)."""
    try:
        return str(apps.get_model(target_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return target_type


@dataclass
class Change:
    """One field of a change, in words. `old` is empty for a row that was added, `new` for one that was removed."""

    field: str
    old: str
    new: str


@dataclass
class Line:
    """One audit row as people read it, or (with `loaded_on`) the reference data loaded that day."""

    entry: AuditEntry
    what: str
    organisation: str
    user: str
    changes: list[Change]
    loaded_on: dt.date | None = None

    @property
    def when(self) -> dt.datetime:
        return self.entry.created_at


def describe(entries: list[AuditEntry], *, show_users: bool) -> list[Line]:
    """Readable lines for `entries`, one per row (the coordinators' log). User names only with `show_users`:
    officials' names are personal data, so public pages say for which organisation a change was made, not by
    whom. Runs one query per kind of row that many-to-many changes name (target groups…), none otherwise."""
    names = _related_names(entries)
    return [_line(entry, show_users, names) for entry in entries]


def for_people(entries: list[AuditEntry], *, show_users: bool) -> list[Line]:
    """An object's history as its page shows it: `entries` (newest first) read as in `describe`, except that the
    reference-data load is one line per day it ran, and a change with nothing left to show is left out.

    The seed writes a row with every field of every object it loads; nobody chose those values, and listing them
    buried the changes people did make."""
    names = _related_names([entry for entry in entries if entry.source != SEED])
    lines: list[Line] = []
    loaded: set[dt.date] = set()
    for entry in entries:
        if entry.source == SEED:
            day = timezone.localdate(entry.created_at)
            if day not in loaded:
                loaded.add(day)
                lines.append(_loaded(entry, day))
            continue
        line = _line(entry, show_users, names)
        if line.changes or _verb(entry) in STANDS_ALONE:
            lines.append(line)
    return lines


def _loaded(entry: AuditEntry, day: dt.date) -> Line:
    what = _("Uppgifterna lästes in från referensdata %(day)s") % {"day": date_format(day)}
    return Line(entry, what, organisation="", user="", changes=[], loaded_on=day)


def _verb(entry: AuditEntry) -> str:
    return entry.action.rpartition(".")[2]


def _line(entry: AuditEntry, show_users: bool, names: dict[tuple[Any, str], str]) -> Line:
    model = _model(entry.target_type)
    verb = _verb(entry)
    kind = kind_label(entry.target_type)
    what = str(VERBS[verb]) % {"kind": kind} if verb in VERBS else entry.action
    user = ""
    if show_users and entry.user is not None:
        user = entry.user.get_full_name() or entry.user.username
    organisation = entry.organisation.name if entry.organisation is not None else "krokarm"
    changes = []
    for name, (old_value, new_value) in entry.changes.items():
        field = _field(model, name)
        if field is not None and not field.editable:
            continue  # derived fields (an actor's search text, its version) are not changes anyone made
        old, new = _in_words(field, old_value, names), _in_words(field, new_value, names)
        if old == new:
            continue
        if verb != "created":
            old = old or _("(tomt)")
        if verb != "deleted":
            new = new or _("(tomt)")
        label = str(field.verbose_name) if field is not None else name
        changes.append(Change(label, old, new))
    return Line(entry, what, organisation, user, changes)


def _model(target_type: str) -> Any:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(model: Any, name: str) -> Any:
    """The model's field `name`, or None (an unknown model, or a field removed since the row was written)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _in_words(field: Any, value: Any, names: dict[tuple[Any, str], str]) -> str:
    """A stored value as people read it: a choice's label, yes or no, a date with the month's name, the names of
    the rows a many-to-many field points at; "" for nothing. A foreign key is stored by its name already."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list):
        if field is not None and field.many_to_many:
            return ", ".join(names.get((field.related_model, str(v)), str(v)) for v in value)
        return ", ".join(_in_words(field, v, names) for v in value)
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else str(value)
    if isinstance(field, models.DateField):
        day = parse_date(str(value))
        return date_format(day) if day else str(value)
    return str(value)


def _related_names(entries: list[AuditEntry]) -> dict[tuple[Any, str], str]:
    """(model, slug) → name for the rows that many-to-many changes in `entries` name by slug (as
    audit.actions.save_tracked stores them), in one query per model."""
    wanted: dict[Any, set[str]] = defaultdict(set)
    for entry in entries:
        model = _model(entry.target_type)
        for name, pair in entry.changes.items():
            field = _field(model, name)
            if field is not None and field.many_to_many and _has_slug(field.related_model):
                wanted[field.related_model].update(str(v) for value in pair if isinstance(value, list) for v in value)
    names: dict[tuple[Any, str], str] = {}
    for related, slugs in wanted.items():
        for row in related._base_manager.filter(slug__in=slugs):
            names[(related, row.slug)] = str(row)
    return names


def _has_slug(model: Any) -> bool:
    return _field(model, "slug") is not None
