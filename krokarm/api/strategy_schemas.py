"""What the API returns about regional development strategies (RUS), their processes and entry points, and
about regional needs: one schema per shape, documented in the OpenAPI file."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from krokarm.api.schemas import ActorRef, ThemeRef
from krokarm.strategies import phases as phase_logic
from krokarm.strategies import queries as strategy_queries

ProcessStatus = Literal["revidering", "genomforande", "uppfoljning"]
PhaseKind = Literal["startbeslut", "analys", "dialog", "forslag", "remiss", "beslut", "genomforande", "uppfoljning"]
EntryPointKind = Literal["underlag", "dialog", "remissvar", "genomforande"]
WindowState = Literal["open", "upcoming", "closed"]
PhaseState = Literal["kommande", "pagar", "avslutad", "ej_uppdaterad", "datum_saknas"]


class PriorityOut(Schema):
    title: str
    national_areas: list[ThemeRef] = Field(description="Den nationella strategins områden prioriteringen hör till.")
    source_url: str

    @staticmethod
    def resolve_national_areas(obj: object) -> list[object]:
        return list(obj.national_areas.all())  # type: ignore[attr-defined]


class StrategyOut(Schema):
    slug: str
    name: str
    region: ActorRef
    is_current: bool = Field(description="Gällande strategi.")
    adopted_on: dt.date | None
    adopted_text: str = Field(description="När den antogs, i ord, när dagen inte är känd.")
    revised_on: dt.date | None
    revised_text: str
    decision_body: str
    horizon: str
    url: str = Field(description="Länk till strategin hos regionen.")
    summary: str
    unconfirmed: str = Field(description="Uppgifter som inte är bekräftade i källorna.")
    source_url: str
    priorities: list[PriorityOut]
    page: str = Field(description="Regionens strategisida på krokarm.")

    @staticmethod
    def resolve_priorities(obj: object) -> list[object]:
        return list(obj.priorities.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        from django.urls import reverse

        return reverse("strategies:region", args=[obj.region.slug])  # type: ignore[attr-defined]


class PhaseOut(Schema):
    kind: PhaseKind
    name: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    planned: bool = Field(description="Datumen är planerade, inte utfall.")
    state: PhaseState = Field(
        description="Fasens läge i dag (svensk tid), räknat från datumen: kommande, pågår, avslutad, "
        "ej uppdaterad (ett planerat datum har passerat utan att fasen uppdaterats) eller datum saknas."
    )
    note: str
    source_url: str

    @staticmethod
    def resolve_name(obj: object) -> str:
        return str(obj.get_kind_display())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_state(obj: object) -> str:
        return strategy_queries.phase_state(obj, timezone.localdate())  # type: ignore[arg-type]


class ProcessOut(Schema):
    id: int
    title: str
    status: ProcessStatus
    region: ActorRef
    strategy: str | None = Field(description="Slug för strategin som revideras eller genomförs.")
    description: str
    source_url: str
    phases: list[PhaseOut] = Field(description="I processens ordning, från startbeslut till uppföljning.")

    @staticmethod
    def resolve_strategy(obj: object) -> str | None:
        strategy = obj.strategy  # type: ignore[attr-defined]
        return strategy.slug if strategy else None

    @staticmethod
    def resolve_phases(obj: object) -> list[object]:
        return phase_logic.ordered(obj.phases.all())  # type: ignore[attr-defined]


class EntryPointOut(Schema):
    id: int
    title: str
    kind: EntryPointKind
    kind_name: str
    description: str
    opens_on: dt.date
    closes_on: dt.date = Field(description="Sista dag.")
    state: WindowState = Field(description="Öppen, kommande eller stängd i dag (svensk tid).")
    region: ActorRef
    process: str
    phase: PhaseKind
    contact_name: str
    contact_email: str
    invited: list[ActorRef] = Field(description="Inbjudna myndigheter; tom lista: alla myndigheter kan bidra.")
    themes: list[ThemeRef]
    source_url: str
    page: str = Field(description="Ingångens sida på krokarm, där man bidrar.")

    @staticmethod
    def resolve_kind_name(obj: object) -> str:
        return str(obj.get_kind_display())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_state(obj: object) -> str:
        today = timezone.localdate()
        if today < obj.opens_on:  # type: ignore[attr-defined]
            return "upcoming"
        return "closed" if today > obj.closes_on else "open"  # type: ignore[attr-defined]

    @staticmethod
    def resolve_region(obj: object) -> object:
        return obj.phase.process.region  # type: ignore[attr-defined]

    @staticmethod
    def resolve_process(obj: object) -> str:
        return str(obj.phase.process.title)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_phase(obj: object) -> str:
        return str(obj.phase.kind)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_invited(obj: object) -> list[object]:
        return list(obj.invited.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_themes(obj: object) -> list[object]:
        return list(obj.themes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]


# Regional needs (krokarm/needs): public, with the answering organisations' names but never the people.

NeedStatus = Literal["oppet", "stangt", "utmaning"]
AnswerKind = Literal["erbjudande", "fraga", "intresse"]


class NeedOut(Schema):
    id: int
    title: str
    description: str
    region: ActorRef
    status: NeedStatus
    needed_by: dt.date | None
    themes: list[ThemeRef]
    created_at: dt.datetime
    page: str

    @staticmethod
    def resolve_themes(obj: object) -> list[object]:
        return list(obj.themes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]


class NeedAnswerOut(Schema):
    actor: ActorRef
    kind: AnswerKind
    text: str
    created_at: dt.datetime
    reply: str = Field(description="Regionens svar; tomt om regionen inte har svarat.")
    replied_at: dt.datetime | None


class NeedDetail(NeedOut):
    invited: list[ActorRef]
    answers: list[NeedAnswerOut]

    @staticmethod
    def resolve_invited(obj: object) -> list[object]:
        return list(obj.invited.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_answers(obj: object) -> list[object]:
        return list(obj.answer_list)  # type: ignore[attr-defined]
