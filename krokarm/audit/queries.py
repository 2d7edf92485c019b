"""Reading the audit log back: an object's timeline and the coordinators' filtered log (how a row reads to people:
krokarm.audit.history)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy

from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.audit.history import kind_label
from krokarm.audit.models import AuditEntry

# What the source of a change means (AuditEntry.source).
SOURCES = [
    ("seed", gettext_lazy("Referensdata (krokarm seed)")),
    ("admin", gettext_lazy("Administrationen")),
    ("web", gettext_lazy("Webbplatsen")),
    ("api", gettext_lazy("API:t")),
    ("job", gettext_lazy("Schemalagt jobb")),
]
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


def changes_as_json(changes: dict[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True)
