"""What the API returns about the EU programmes 2021–2027 (krokarm/funding): one schema per shape."""

from typing import Literal

from ninja import Field, Schema

from krokarm.api.schemas import ActorRef, CountyRef, ThemeRef

Fund = Literal["eruf", "esf", "fro", "interreg"]
Kind = Literal["regional", "national", "cross_border", "transnational", "interregional"]
Part = Literal["programme", "area", "regional_plan"]
Target = Literal["individer", "foretag", "organisationer"]
How = Literal["direkt", "genom_projekt"]


class ReachOut(Schema):
    target: Target = Field(description="Vilka pengarna når: individer, företag eller organisationer.")
    how: How = Field(description="Om målgruppen söker direkt eller nås genom andras projekt.")
    note: str


class ProgrammeRef(Schema):
    slug: str
    name: str


class ProgrammeOut(Schema):
    slug: str
    name: str
    fund: Fund
    kind: Kind
    part: Part = Field(description="Ett program, ett programområde eller en regional handlingsplan (ESF+).")
    parent: ProgrammeRef | None = Field(description="Programmet som området eller handlingsplanen ingår i.")
    managing_authority: ActorRef | None = Field(description="Förvaltande myndighet när den finns bland aktörerna.")
    managing_authority_name: str
    who_may_apply: str
    summary: str
    budget: str
    period: str
    confirmed: bool = Field(description="Falskt när uppgifterna om programmet inte är bekräftade i källorna.")
    unconfirmed: str = Field(description="Enskilda uppgifter som inte är bekräftade.")
    counties: list[CountyRef]
    reach: list[ReachOut]
    themes: list[ThemeRef]
    source_url: str
    page: str = Field(description="Programmets sida på krokarm.")

    @staticmethod
    def resolve_managing_authority_name(obj: object) -> str:
        return str(obj.authority_name)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_counties(obj: object) -> list[object]:
        return list(obj.counties.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_reach(obj: object) -> list[object]:
        return sorted(obj.reach.all(), key=lambda r: r.order)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_themes(obj: object) -> list[object]:
        return list(obj.themes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]
