"""How audit rows read to people: the model's names for fields and kinds, values in words.

Generic over every audited model: a row names its model by label (`AuditEntry.target_type`), so nothing here
imports the apps whose rows it describes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.audit.models import AuditEntry

VERBS = {
    "created": gettext_lazy("%(kind)s lades till"),
    "updated": gettext_lazy("%(kind)s ändrades"),
    "deleted": gettext_lazy("%(kind)s togs bort"),
    "saved": gettext_lazy("%(kind)s sparades"),
}


def kind_label(target_type: str) -> str:
    """'actors.responsibility' → 'Ansvar' (the model's Swedish name)."""
    try:
        return str(apps.get_model(target_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return target_type


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Line:
    """One audit row as people read it."""

    entry: AuditEntry
    what: str
    organisation: str
    user: str
    changes: list[Change]

    @property
    def when(self) -> dt.datetime:
        return self.entry.created_at


def describe(entries: list[AuditEntry], *, show_users: bool) -> list[Line]:
    """Readable lines for `entries`. User names only with `show_users`: officials' names are personal
    data, so public pages say for which organisation a change was made, not by whom."""
    return [_line(entry, show_users) for entry in entries]


def _line(entry: AuditEntry, show_users: bool) -> Line:
    model = _model(entry.target_type)
    verb = entry.action.rpartition(".")[2]
    kind = kind_label(entry.target_type)
    what = str(VERBS[verb]) % {"kind": kind} if verb in VERBS else entry.action
    user = ""
    if show_users and entry.user is not None:
        user = entry.user.get_full_name() or entry.user.username
    organisation = entry.organisation.name if entry.organisation is not None else "krokarm"
    changes = [
        Change(_field_label(model, name), _value(old), _value(new))
        for name, (old, new) in entry.changes.items()
        if _shown(model, name)
    ]
    return Line(entry, what, organisation, user, changes)


def _model(target_type: str) -> Any:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _shown(model: Any, name: str) -> bool:
    """Derived fields (an actor's search text) are not changes anyone made."""
    try:
        return model is None or bool(model._meta.get_field(name).editable)
    except FieldDoesNotExist:
        return True


def _field_label(model: Any, name: str) -> str:
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return _("(tomt)")
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
