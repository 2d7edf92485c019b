"""How dialogues are found by site search: an event with its sessions, insights, proposals and next steps."""

from __future__ import annotations

from typing import Any

from krokarm.actors.models import Theme
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal
from krokarm.search.registry import Document, county_code, register, register_part, theme_slugs


def event_document(event: Event) -> Document:
    sessions = list(
        DialogueSession.objects.filter(event=event).order_by("position", "pk").values_list("title", flat=True)
    )
    notes = Note.objects.filter(session__event=event).values_list("text", flat=True)
    proposals = Proposal.objects.filter(session__event=event).values_list("title", "text")
    followups = FollowUp.objects.filter(proposal__session__event=event).values_list("title", flat=True)
    organiser = event.organiser
    parts = [
        event.get_kind_display(),
        organiser.name if organiser else "",
        event.place,
        event.description,
        event.agenda,
        *sessions,
        *notes,
        *(f"{title}. {text}" for title, text in proposals),
        *followups,
    ]
    themes = Theme.objects.filter(pk__in=DialogueSession.objects.filter(event=event).values("theme_id"))
    return Document(
        title=event.title,
        text=" ".join(p for p in parts if p),
        url=event.get_absolute_url(),
        region=county_code(organiser) if organiser else "",
        themes=theme_slugs(themes.select_related("parent")),
        date=event.starts_at.date(),
    )


def _event_of_session(session: Any) -> Event | None:
    return Event.objects.filter(pk=session.event_id).first()


def _event_of_note(note: Any) -> Event | None:
    return Event.objects.filter(sessions__pk=note.session_id).first()


def _event_of_proposal(proposal: Any) -> Event | None:
    return Event.objects.filter(sessions__pk=proposal.session_id).first()


def _event_of_followup(followup: Any) -> Event | None:
    return Event.objects.filter(sessions__proposals__pk=followup.proposal_id).first()


def register_all() -> None:
    register(
        Event,
        kind="dialog",
        document=event_document,
        queryset=lambda: Event.objects.select_related("organiser__county"),
    )
    register_part(DialogueSession, of=_event_of_session)
    register_part(Note, of=_event_of_note)
    register_part(Proposal, of=_event_of_proposal)
    register_part(FollowUp, of=_event_of_followup)
