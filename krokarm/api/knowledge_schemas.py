"""What the API returns about the knowledge bank: public metadata only. The link of an item shared on request
is never here (null), and no file is ever served through the API."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from krokarm.api.schemas import ActorRef, ThemeRef

KnowledgeKind = Literal["rapport", "analys", "dataset", "gott-exempel", "metod"]
KnowledgeAccess = Literal["oppen", "pa-begaran"]


class ChallengeRef(Schema):
    slug: str
    title: str


class ReuseOut(Schema):
    actor: ActorRef
    text: str
    reused_on: dt.date | None


class KnowledgeOut(Schema):
    id: int
    kind: KnowledgeKind
    title: str
    summary: str
    owner: ActorRef = Field(description="Organisationen som delar.")
    themes: list[ThemeRef]
    regions: list[ActorRef] = Field(description="Regionerna det gäller; tom lista betyder hela landet.")
    challenges: list[ChallengeRef]
    access: KnowledgeAccess = Field(description="oppen: länken är öppen; pa-begaran: den lämnas ut på begäran.")
    link: str | None = Field(description="Länken, bara när den är öppen för alla.")
    has_file: bool = Field(description="Det finns en fil att ladda ner på kunskapens sida.")
    published_on: dt.date | None
    source_url: str
    page: str = Field(description="Kunskapens sida på krokarm.")

    @staticmethod
    def resolve_themes(obj: object) -> list[object]:
        return list(obj.themes.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_regions(obj: object) -> list[object]:
        return list(obj.regions.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_challenges(obj: object) -> list[object]:
        return list(obj.challenges.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_link(obj: object) -> str | None:
        return (obj.link or None) if obj.is_open else None  # type: ignore[attr-defined]

    @staticmethod
    def resolve_has_file(obj: object) -> bool:
        return bool(obj.attachment)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_page(obj: object) -> str:
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]


class KnowledgeDetail(KnowledgeOut):
    reuses: list[ReuseOut] = Field(description="Organisationer som berättat att de återanvänt kunskapen.")

    @staticmethod
    def resolve_reuses(obj: object) -> list[object]:
        return list(obj.reuse_list)  # type: ignore[attr-defined]
