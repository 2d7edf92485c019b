"""Reads of dialogues that the pages, the report, the feeds and the API share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, Model, Prefetch, Q, QuerySet
from django.utils import timezone

from krokarm.actors.models import Actor, Theme
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal, Registration

_M = TypeVar("_M", bound=Model)


def open_actions(
    owner: Actor | None = None,
    status: str | None = None,
    theme: Theme | None = None,
    event: Event | None = None,
    overdue: bool = False,
) -> QuerySet[FollowUp]:
    """The action register: follow-up actions, soonest due first, with their owner and the proposal, session
    and event they came from (one query). Without `status` every action is listed, done and stopped ones too,
    so that what happened after a dialogue stays visible; `overdue` keeps those past their date and not done
    or stopped. A strategic area as `theme` also finds proposals marked with its topics."""
    actions = FollowUp.objects.all()
    if owner is not None:
        actions = actions.filter(owner=owner)
    if status:
        actions = actions.filter(status=status)
    if theme is not None:
        actions = actions.filter(Q(proposal__theme=theme) | Q(proposal__theme__parent=theme))
    if event is not None:
        actions = actions.filter(proposal__session__event=event)
    if overdue:
        actions = actions.filter(due_on__lt=timezone.localdate()).exclude(status__in=FollowUp.CLOSED_STATUSES)
    return actions.select_related("owner", "proposal__theme", "proposal__session__event__organiser").order_by(
        "due_on", "pk"
    )


@dataclass
class EventSummary:
    """What came out of an event: its sessions with their notes and proposals, each proposal with its
    follow-up actions, and counts for the report (computed from what was fetched, no further queries)."""

    event: Event
    sessions: list[DialogueSession]
    notes: int = 0
    insights: int = 0
    proposals: int = 0
    followups: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def done(self) -> int:
        return self.by_status.get(FollowUp.Status.DONE, 0)


def event_summary(event: Event, *, include_retired: bool = False) -> EventSummary:
    """The sessions of `event` in order, each with its theme, facilitator, participants, notes and proposals
    (with theme, challenge, number of supporting organisations and follow-up actions with their owners):
    six queries, however many sessions there are. `include_retired` adds the sessions, proposals and next steps
    that are no longer current (their `retired_at` is set; the event's own page marks them)."""
    followups = _rows(FollowUp, include_retired).select_related("owner").order_by("due_on", "pk")
    proposals = (
        _rows(Proposal, include_retired)
        .select_related("theme", "challenge")
        .annotate(support_count=Count("supports"))
        .prefetch_related(Prefetch("followups", queryset=followups))
        .order_by("created_at", "pk")
    )
    sessions = list(
        _rows(DialogueSession, include_retired)
        .filter(event=event)
        .select_related("theme", "facilitator")
        .prefetch_related(
            Prefetch("participants", queryset=Actor.objects.order_by("name")),
            Prefetch("notes", queryset=Note.objects.order_by("created_at", "pk")),
            Prefetch("proposals", queryset=proposals),
        )
        .order_by("position", "starts_at", "pk")
    )
    summary = EventSummary(event=event, sessions=sessions)
    statuses: Counter[str] = Counter()
    for session in sessions:
        session.event = event
        for note in session.notes.all():
            if note.kind == Note.Kind.INSIGHT:
                summary.insights += 1
            else:
                summary.notes += 1
        for proposal in session.proposals.all():
            proposal.session = session
            summary.proposals += 1
            for followup in proposal.followups.all():
                followup.proposal = proposal
                summary.followups += 1
                statuses[followup.status] += 1
                summary.overdue += followup.is_overdue
    summary.by_status = dict(statuses)
    return summary


def _rows(model: type[_M], include_retired: bool) -> QuerySet[_M]:
    """The model's rows: all of them (`all_objects`, its base manager), or only the current ones (`objects`)."""
    return model._base_manager.all() if include_retired else model._default_manager.all()


def upcoming_events() -> QuerySet[Event]:
    """Events that have not ended, soonest first, with the organiser and the number registered (one query)."""
    return (
        Event.objects.filter(ends_at__gte=timezone.now())
        .select_related("organiser")
        .annotate(
            registered_count=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED))
        )
        .order_by("starts_at", "pk")
    )


def past_events() -> QuerySet[Event]:
    """Events that have ended, latest first, with the organiser and the number of proposals (one query)."""
    return (
        Event.objects.filter(ends_at__lt=timezone.now())
        .select_related("organiser")
        .annotate(proposal_count=Count("sessions__proposals"))
        .order_by("-starts_at", "-pk")
    )
