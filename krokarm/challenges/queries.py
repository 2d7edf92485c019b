"""Reads of challenges that the pages, the exports and the API share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from krokarm.actors.models import Actor, Theme
from krokarm.audit.models import AuditEntry
from krokarm.challenges.models import Approach, Challenge, Participant

# Lead first, then those who fund, then contributors.
ROLE_ORDER = [Participant.Role.LEADS, Participant.Role.FUNDS, Participant.Role.CONTRIBUTES]


def challenges(
    *,
    theme: Theme | None = None,
    status: str | None = None,
    kind: str | None = None,
    region: Actor | None = None,
) -> QuerySet[Challenge]:
    """Challenges by title with their lead, themes and number of approaches (one query, plus one for the
    themes of a page). A strategic area also finds challenges marked with its topics; a region finds the
    challenges it leads, takes part in or has an approach for."""
    rows = Challenge.objects.all()
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if theme is not None:
        rows = rows.filter(Q(themes=theme) | Q(themes__parent=theme))
    if region is not None:
        taking_part = Q(participants__actor=region, participants__retired_at__isnull=True)
        rows = rows.filter(Q(lead=region) | taking_part | Q(approaches__region=region))
    if theme is not None or region is not None:
        rows = Challenge.objects.filter(pk__in=rows.values("pk"))
    return (
        rows.select_related("lead")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "name")))
        .annotate(approach_count=Count("approaches", distinct=True))
        .order_by("title", "pk")
    )


def participants_by_role(challenge: Challenge) -> list[tuple[str, list[Participant]]]:
    """(role label, participants) in ROLE_ORDER, skipping empty roles: one query."""
    rows = list(challenge.participants.select_related("actor").order_by("actor__name"))
    grouped = []
    for role in ROLE_ORDER:
        members = [p for p in rows if p.role == role]
        if members:
            grouped.append((str(Participant.Role(role).label), members))
    return grouped


def approaches(challenge: Challenge) -> list[Approach]:
    """The regions' approaches by region name: one query."""
    return list(challenge.approaches.select_related("region").order_by("region__name", "pk"))


@dataclass
class HistoryLine:
    when: Any
    text: str
    organisation: str
    changes: list[tuple[str, str, str]]


STATUS_LABELS = dict(Challenge.Status.choices)
APPROACH_STATUS_LABELS = dict(Approach.Status.choices)


def history(challenge: Challenge, *, limit: int = 30) -> list[HistoryLine]:
    """The challenge's public changes from the audit log, newest first (two queries)."""
    approach_ids = [str(pk) for pk in challenge.approaches.values_list("pk", flat=True)]
    rows = AuditEntry.objects.filter(
        Q(target_type=Challenge._meta.label_lower, target_id=str(challenge.pk))
        | Q(target_type=Approach._meta.label_lower, target_id__in=approach_ids),
        public=True,
    )
    entries = rows.select_related("organisation").order_by("-created_at", "-id")[:limit]
    return [_line(entry) for entry in entries]


def _line(entry: AuditEntry) -> HistoryLine:
    changes = entry.changes or {}
    organisation = entry.organisation.name if entry.organisation is not None else "krokarm"
    text = {
        "challenge.created": _("Utmaningen lades till"),
        "challenge.updated": _("Utmaningen ändrades"),
        "challenge.participant_added": _("En organisation började delta"),
        "challenge.participant_removed": _("En organisation slutade delta"),
        "approach.created": _("Ett regionalt arbetssätt lades till"),
        "approach.updated": _("Ett regionalt arbetssätt ändrades"),
    }.get(entry.action, _("Utmaningen ändrades"))
    if entry.action == "challenge.status_changed":
        old, new = changes.get("status", [None, None])
        text = _("Status ändrades från %(old)s till %(new)s") % {
            "old": STATUS_LABELS.get(old, old),
            "new": STATUS_LABELS.get(new, new),
        }
        return HistoryLine(entry.created_at, text, organisation, [])
    if entry.action.startswith("challenge.participant_"):
        old, new = changes.get("participant", [None, None])
        return HistoryLine(entry.created_at, f"{text}: {new or old}", organisation, [])
    if entry.action.startswith("approach."):
        return HistoryLine(entry.created_at, f"{text} ({entry.target_repr.rpartition(' – ')[2]})", organisation, [])
    fields = {
        "title": _("rubrik"),
        "goal": _("gemensamt mål"),
        "kind": _("typ"),
        "themes": _("teman"),
        "outcomes": _("önskade resultat"),
        "description": _("bakgrund"),
        "lead": _("leds av"),
    }
    shown = [
        (str(fields[name]), _value(old), _value(new))
        for name, (old, new) in changes.items()
        if name in fields and entry.action == "challenge.updated"
    ]
    return HistoryLine(entry.created_at, text, organisation, shown)


def _value(value: Any) -> str:
    if value in (None, "", []):
        return _("(tomt)")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def export_rows() -> list[dict[str, Any]]:
    """One row per challenge with its participants and approach regions, for the CSV and JSON exports
    (four queries)."""
    rows = (
        Challenge.objects.select_related("lead", "from_need")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            Prefetch("participants", queryset=Participant.objects.select_related("actor").order_by("actor__name")),
            Prefetch("approaches", queryset=Approach.objects.select_related("region").order_by("region__name")),
        )
        .order_by("title", "pk")
    )
    return [
        {
            "slug": c.slug,
            "title": c.title,
            "goal": c.goal,
            "kind": c.kind,
            "status": c.status,
            "lead": c.lead.slug,
            "lead_name": c.lead.name,
            "themes": [t.slug for t in c.themes.all()],
            "participants": [
                {"actor": p.actor.slug, "name": p.actor.name, "role": p.role} for p in c.participants.all()
            ],
            "approach_regions": [a.region.slug for a in c.approaches.all()],
            "from_need": c.from_need_id,
            "source": c.source,
            "updated_at": c.updated_at.isoformat(),
        }
        for c in rows
    ]
