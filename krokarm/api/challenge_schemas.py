"""What the API returns about challenges: what they are, who takes part and how each region works on them."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from krokarm.api.schemas import ActorRef, ThemeRef

ChallengeKind = Literal["generell", "platsbaserad"]
ChallengeStatus = Literal["forslag", "overenskommen", "pagaende", "avslutad"]
ParticipantRole = Literal["leder", "bidrar", "finansierar"]
ApproachStatus = Literal["planerad", "pagar", "klar", "pausad"]


class ChallengeSummary(Schema):
    slug: str
    title: str
    goal: str = Field(description="Det gemensamma målet.")
    kind: ChallengeKind = Field(description="Generell (samma överallt) eller platsbaserad.")
    status: ChallengeStatus = Field(description="förslag → överenskommen → pågående → avslutad.")
    lead: ActorRef = Field(description="Organisationen som leder utmaningen.")
    themes: list[ThemeRef]
    url: str = Field(description="Utmaningens sida.")
    updated_at: dt.datetime

    @staticmethod
    def resolve_themes(obj: object) -> list[object]:
        return list(obj.themes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]


class OutcomeOut(Schema):
    text: str = Field(description="Önskat resultat.")
    indicator: str = Field(description="Hur resultatet följs upp.")


class ParticipantOut(Schema):
    actor: ActorRef
    role: ParticipantRole
    note: str
    source: str


class ApproachOut(Schema):
    region: ActorRef
    summary: str
    measures: list[str] = Field(description="Regionens insatser, en per rad.")
    status: ApproachStatus
    contact_name: str = Field(description="En funktion eller roll hos regionen.")
    contact_email: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    unconfirmed: str
    source: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_measures(obj: object) -> list[str]:
        return list(obj.measure_lines)  # type: ignore[attr-defined]


class ChallengeOut(ChallengeSummary):
    description: str
    from_need: int | None = Field(description="Id för det regionala behov utmaningen började som.")
    unconfirmed: str = Field(description="Uppgifter som inte är bekräftade i källorna.")
    source: str
    outcomes: list[OutcomeOut]
    participants: list[ParticipantOut]
    approaches: list[ApproachOut] = Field(description="Hur varje region arbetar med utmaningen.")

    @staticmethod
    def resolve_from_need(obj: object) -> int | None:
        return obj.from_need_id  # type: ignore[attr-defined]

    @staticmethod
    def resolve_outcomes(obj: object) -> list[object]:
        return list(obj.outcomes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_participants(obj: object) -> list[object]:
        return list(obj.participants.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_approaches(obj: object) -> list[object]:
        return list(obj.approaches.all())  # type: ignore[attr-defined]
