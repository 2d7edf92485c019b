"""What the API returns about dialogues: events, their sessions' insights and proposals, and the follow-up
actions. Organisations only: never a person's name or e-mail address (no facilitators, authors or attendees).
What krokarm reconstructed or made up as an example has `"reconstructed": true` and the notice in `notice`; an
all-day event (`"all_day": true`) has only a known date (issue 16)."""

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from krokarm.api.schemas import ActorRef, ThemeRef
from krokarm.dialogues.models import RECONSTRUCTED_NOTICE

EventKind = Literal["dialogdag", "natverksmote", "webbinarium"]
ProposalStatus = Literal["nytt", "omsatt", "avslaget"]
ActionStatus = Literal["planerad", "pagar", "klar", "stoppad"]


def _url(obj: object) -> str:
    return str(obj.get_absolute_url())  # type: ignore[attr-defined]


RECONSTRUCTED = "Sant när krokarm har rekonstruerat eller hittat på uppgiften som exempel: den är inte ett protokoll."
NOTICE = "”Rekonstruerat exempel – inte ett protokoll” när reconstructed är sant, annars tom."


def _notice(obj: object) -> str:
    return str(RECONSTRUCTED_NOTICE) if obj.reconstructed else ""  # type: ignore[attr-defined]


class Reconstructed(Schema):
    reconstructed: bool = Field(description=RECONSTRUCTED)
    notice: str = Field(description=NOTICE)

    @staticmethod
    def resolve_notice(obj: object) -> str:
        return _notice(obj)


class EventSummary(Reconstructed):
    slug: str
    title: str
    kind: EventKind = Field(description="Dialogdag, nätverksmöte eller webbinarium.")
    starts_at: dt.datetime
    ends_at: dt.datetime
    all_day: bool = Field(
        description="Heldag: bara datumet är känt (starts_at och ends_at är midnatt till midnatt, svensk tid)."
    )
    date: dt.date = Field(description="Dagen då träffen börjar, svensk tid.")
    place: str
    online_url: str = Field(description="Länk till det digitala mötet, om det finns ett.")
    organiser: ActorRef | None = Field(description="Organisationen som arrangerar; null för ett exempel utan arrangör.")
    url: str = Field(description="Dialogens sida.")
    calendar: str = Field(description="Dialogen som iCalendar-fil.")

    @staticmethod
    def resolve_url(obj: object) -> str:
        return _url(obj)

    @staticmethod
    def resolve_date(obj: object) -> dt.date:
        return obj.day  # type: ignore[attr-defined]

    @staticmethod
    def resolve_calendar(obj: object) -> str:
        return reverse("dialogues:event_calendar", args=[obj.slug])  # type: ignore[attr-defined]


class ActionOut(Reconstructed):
    id: int
    title: str
    description: str
    owner: ActorRef | None = Field(
        description="Organisationen som ansvarar för åtgärden; null för krokarms förslag som ingen har tagit på sig."
    )
    due_on: dt.date
    status: ActionStatus = Field(description="planerad → pågår → klar (eller stoppad).")
    overdue: bool = Field(description="Sista dagen har passerat och åtgärden är inte klar eller stoppad.")
    link: str = Field(description="Sidan i krokarm där åtgärden genomförs, om det finns en.")
    url: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_overdue(obj: object) -> bool:
        return bool(obj.is_overdue)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: object) -> str:
        return _url(obj)


class ActionInRegister(ActionOut):
    proposal: int = Field(description="Id för förslaget som åtgärden kommer från.")
    proposal_title: str
    event: str = Field(description="Slug för dialogen där förslaget kom fram.")

    @staticmethod
    def resolve_proposal(obj: object) -> int:
        return int(obj.proposal_id)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_proposal_title(obj: object) -> str:
        return str(obj.proposal.title)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_event(obj: object) -> str:
        return str(obj.proposal.session.event.slug)  # type: ignore[attr-defined]


class ProposalOut(Reconstructed):
    id: int
    title: str
    text: str
    source: str = Field(description="Var förslaget finns belagt, om det finns en källa.")
    status: ProposalStatus
    theme: ThemeRef | None
    supporters: list[ActorRef] = Field(description="Organisationer som ställer sig bakom förslaget.")
    followups: list[ActionOut] = Field(description="Nästa steg: åtgärder med ansvarig och datum.")
    url: str

    @staticmethod
    def resolve_supporters(obj: object) -> list[object]:
        return [support.actor for support in obj.supports.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_followups(obj: object) -> list[object]:
        return list(obj.followups.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: object) -> str:
        return _url(obj)


class SessionOut(Reconstructed):
    id: int
    title: str
    theme: ThemeRef | None
    starts_at: dt.datetime | None
    description: str
    participants: list[ActorRef] = Field(description="Organisationer som deltog i passet.")
    insights: list[str]
    notes: list[str]
    proposals: list[ProposalOut]

    @staticmethod
    def resolve_participants(obj: object) -> list[object]:
        return list(obj.participants.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_insights(obj: object) -> list[str]:
        return [note.text for note in obj.notes.all() if note.kind == "insikt"]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_notes(obj: object) -> list[str]:
        return [note.text for note in obj.notes.all() if note.kind == "anteckning"]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_proposals(obj: object) -> list[object]:
        return list(obj.proposals.all())  # type: ignore[attr-defined]


class EventOut(EventSummary):
    description: str
    agenda: list[str] = Field(description="Programmet, en punkt per rad (”09:30 Välkommen”).")
    capacity: int | None = Field(description="Antal platser; null när antalet inte är begränsat.")
    registration_closes_at: dt.datetime | None
    invited: list[ActorRef] = Field(description="Inbjudna organisationer.")
    sessions: list[SessionOut] = Field(description="Dialogpassen med insikter, anteckningar och förslag.")
    source_url: str
    report: str = Field(description="Dialograpporten som webbsida.")

    @staticmethod
    def resolve_agenda(obj: object) -> list[str]:
        return [line.strip() for line in obj.agenda.splitlines() if line.strip()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_invited(obj: object) -> list[object]:
        return list(obj.invited.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_sessions(obj: object) -> list[object]:
        return list(obj.sessions.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_report(obj: object) -> str:
        return reverse("dialogues:report", args=[obj.slug])  # type: ignore[attr-defined]
