"""What the API returns about networks: who they are, which organisations are members, when they meet and which
joint spaces they are in. Never their posts (members only) and never people's names: organisations only."""

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Field, Schema

from krokarm.api.schemas import ActorRef

MembershipRole = Literal["samordnare", "medlem"]


class LinkRef(Schema):
    slug: str
    name: str
    page: str = Field(description="Den gemensamma ytans sida på krokarm.")

    @staticmethod
    def resolve_page(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]


class NetworkSummary(Schema):
    slug: str
    name: str
    short_name: str
    website: str
    member_count: int = Field(description="Antal medlemsorganisationer, samordnande organisationer inräknade.")
    links: list[LinkRef] = Field(description="Gemensamma ytor (samverkan) som nätverket ingår i.")
    page: str = Field(description="Nätverkets sida på krokarm.")

    @staticmethod
    def resolve_links(obj: object) -> list[object]:
        return list(obj.link_list)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        return reverse("networks:detail", args=[obj.slug])  # type: ignore[attr-defined]


class MemberOut(Schema):
    organisation: ActorRef
    role: MembershipRole = Field(description="samordnare: organisationen samordnar nätverket; annars medlem.")


class MeetingOut(Schema):
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = Field(description="Var mötet hålls; ”digitalt” för möten på nätet.")


class NetworkDetail(Schema):
    slug: str
    name: str
    short_name: str
    website: str
    about: str = Field(description="Vad nätverket gör (dess uppdrag).")
    member_note: str = Field(description="Om medlemmarna, i ord.")
    coordinating: list[ActorRef] = Field(description="Organisationer som samordnar nätverket.")
    members: list[MemberOut] = Field(description="Medlemsorganisationerna med roll, samordnande först.")
    meetings: list[MeetingOut] = Field(description="Kommande möten (de som inte har slutat), det närmaste först.")
    links: list[LinkRef] = Field(description="Gemensamma ytor (samverkan) som nätverket ingår i.")
    page: str = Field(description="Nätverkets sida på krokarm.")
