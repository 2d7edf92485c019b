"""Reading the audit log back: an object's timeline, the coordinators' filtered log, and how a row reads."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.audit.models import AuditEntry

# What the source of a change means (AuditEntry.source).
SOURCES = [
    ("seed", gettext_lazy("Referensdata (krokarm seed)")),
    ("admin", gettext_lazy("Administrationen")),
    ("web", gettext_lazy("Webbplatsen")),
    ("api", gettext_lazy("API:t")),
    ("job", gettext_lazy("Schemalagt jobb")),
]
VERBS = {
    "created": gettext_lazy("%(kind)s lades till"),
    "updated": gettext_lazy("%(kind)s ändrades"),
    "deleted": gettext_lazy("%(kind)s togs bort"),
    "saved": gettext_lazy("%(kind)s sparades"),
}
ACTOR_PARTS = [Actor._meta.label_lower, Responsibility._meta.label_lower, Service._meta.label_lower]


def about_actor(actor: Actor) -> Q:
    """Changes made for the actor, and changes to the actor, its responsibilities and its services.

    Reference data is loaded without an organisation, so its rows are found through the objects they
    changed; a responsibility the seed removed is then no longer found (its id is gone).
    """

    def ids(model: Any) -> QuerySet[Any]:
        return model.objects.filter(actor=actor).annotate(sid=Cast("pk", CharField())).values("sid")

    return (
        Q(organisation=actor)
        | Q(target_type=Actor._meta.label_lower, target_id=str(actor.pk))
        | Q(target_type=Responsibility._meta.label_lower, target_id__in=ids(Responsibility))
        | Q(target_type=Service._meta.label_lower, target_id__in=ids(Service))
    )


def actor_timeline(actor: Actor, *, limit: int = 20) -> list[AuditEntry]:
    """The newest public changes to an actor's profile, responsibilities and services, in one query."""
    entries = AuditEntry.objects.filter(about_actor(actor), public=True, target_type__in=ACTOR_PARTS)
    return list(entries.select_related("user", "organisation").order_by("-created_at", "-id")[:limit])


def log_entries(
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    action: str = "",
    target_type: str = "",
    organisation: Actor | None = None,
    user: str = "",
    source: str = "",
    q: str = "",
) -> QuerySet[AuditEntry]:
    """The whole log, newest first, narrowed by each filter that is given."""
    entries = AuditEntry.objects.select_related("user", "organisation")
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    if action:
        entries = entries.filter(action=action)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if organisation is not None:
        entries = entries.filter(about_actor(organisation))
    for word in user.split():
        entries = entries.filter(
            Q(user__username__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    if source:
        entries = entries.filter(source=source)
    for word in q.split():
        entries = entries.filter(Q(target_repr__icontains=word) | Q(target_id=word))
    return entries.order_by("-created_at", "-id")


def action_choices() -> list[tuple[str, str]]:
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return [(action, action) for action in actions]


def target_type_choices() -> list[tuple[str, str]]:
    types = AuditEntry.objects.order_by("target_type").values_list("target_type", flat=True).distinct()
    return sorted(((t, kind_label(t)) for t in types), key=lambda choice: choice[1])


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


def changes_as_json(changes: dict[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True)
