"""What the API returns and takes: one schema per shape, documented in the OpenAPI file."""

from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from krokarm.actors.models import Actor

ActorKind = Literal["agency", "region", "municipality", "county_board", "ministry", "network", "organisation"]
Role = Literal["leder", "bidrar", "finansierar", "informerar"]

# Slugs and codes are ASCII letters, digits and hyphens; free text may be anything printable.
# Neither may hold a NUL byte, which PostgreSQL refuses to store or compare.
SLUG = r"^[-a-zA-Z0-9_]+$"
NO_NUL = r"^[^\x00]*$"
# A typical question is one line: the HTML form takes them one per line.
ONE_LINE = r"^[^\x00-\x1f\x85\u2028\u2029]*$"


class ErrorDetail(Schema):
    field: str
    message: str


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class Error(Schema):
    """The one error shape of the API."""

    error: ErrorBody


class CountyRef(Schema):
    code: str
    name: str
    slug: str


class County(CountyRef):
    letter: str
    seat: str
    erdf_programme_area: str


class ActorRef(Schema):
    slug: str
    kind: ActorKind
    name: str


class ActorSummary(ActorRef):
    short_name: str
    org_number: str
    code: str
    website: str
    county: CountyRef | None
    url: str

    @staticmethod
    def resolve_url(obj: Actor) -> str:
        return obj.get_absolute_url()


class ThemeOut(Schema):
    slug: str
    name: str
    kind: Literal["strategic_area", "topic"]
    parent: str | None
    description: str

    @staticmethod
    def resolve_parent(obj: object) -> str | None:
        parent = getattr(obj, "parent", None)
        return parent.slug if parent else None


class ThemeRef(Schema):
    slug: str
    name: str


class ResponsibilityOut(Schema):
    id: int = Field(description="Används för att ändra eller ta bort ansvaret.")
    version: int = Field(description="Ökar vid varje ändring. Skicka den i If-Match när du ändrar ansvaret.")
    theme: ThemeRef
    role: Role
    target_groups: list[str]
    description: str
    basis: str
    source_url: str
    questions: list[str]

    @staticmethod
    def resolve_target_groups(obj: object) -> list[str]:
        return [g.slug for g in obj.target_groups.all()]  # type: ignore[attr-defined]


class ServiceOut(Schema):
    id: int = Field(description="Används för att ändra eller ta bort tjänsten.")
    version: int = Field(description="Ökar vid varje ändring. Skicka den i If-Match när du ändrar tjänsten.")
    name: str
    description: str
    url: str
    theme: ThemeRef | None
    target_groups: list[str]

    @staticmethod
    def resolve_target_groups(obj: object) -> list[str]:
        return [g.slug for g in obj.target_groups.all()]  # type: ignore[attr-defined]


class MemberOut(Schema):
    actor: ActorRef
    role: Literal["samordnare", "medlem"]


class ActorDetail(ActorSummary):
    version: int = Field(description="Profilens version; samma som svarets ETag. Skicka den i If-Match vid PATCH.")
    seat: str
    mandate: str
    mandate_source_url: str
    ministry: ActorRef | None
    responsibilities: list[ResponsibilityOut]
    services: list[ServiceOut]
    networks: list[ActorRef]
    members: list[MemberOut]
    member_note: str

    @staticmethod
    def resolve_responsibilities(obj: Actor) -> list[object]:
        return list(obj.responsibilities.all())

    @staticmethod
    def resolve_services(obj: Actor) -> list[object]:
        return list(obj.services.all())

    @staticmethod
    def resolve_networks(obj: Actor) -> list[Actor]:
        return [m.network for m in obj.network_memberships.all()]

    @staticmethod
    def resolve_members(obj: Actor) -> list[dict[str, object]]:
        if obj.kind != Actor.Kind.NETWORK:
            return []  # only networks have members (and only theirs are read)
        return [{"actor": m.member, "role": m.role} for m in obj.memberships.all()]


class RegionOut(Schema):
    slug: str
    name: str
    short_name: str
    org_number: str
    website: str
    seat: str
    county: County
    url: str

    @staticmethod
    def resolve_url(obj: Actor) -> str:
        return obj.get_absolute_url()


class MunicipalityOut(Schema):
    code: str
    name: str
    slug: str
    county: CountyRef
    url: str

    @staticmethod
    def resolve_url(obj: Actor) -> str:
        return obj.get_absolute_url()


Asker = Literal["individ", "arbetsgivare", "utbildningsanordnare", "kommun", "region", "myndighet"]


class RoutedActor(Schema):
    slug: str | None
    name: str
    short_name: str
    kind: ActorKind
    region_code: str | None


class RoutedResponsibility(Schema):
    topic: str
    topic_name: str
    role: Role | None = Field(description="Tom (null) när träffen är en av aktörens tjänster.")
    description: str


class NextStepOut(Schema):
    label: str
    url: str


class RouteResult(Schema):
    actor: RoutedActor
    score: float
    responsibility: RoutedResponsibility
    next_step: NextStepOut | None
    reason: str


class RouteOut(Schema):
    results: list[RouteResult]
    confidence: Literal["high", "medium", "low"]


# What the write operations take. Unknown fields are refused, so a misspelt field is never silently ignored.
# The HTML forms (actors/forms.py) then check the same rules as on the editing pages.

Slug = Annotated[str, Field(max_length=80, pattern=SLUG)]


class ProfileIn(Schema):
    """The parts of an actor's profile its editors keep current. Only the fields sent change; null empties one."""

    model_config = ConfigDict(extra="forbid")

    short_name: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Kort namn.")
    website: str | None = Field(None, max_length=500, pattern=NO_NUL, description="Webbplats (hel adress).")
    seat: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Säte.")
    mandate: str | None = Field(None, pattern=NO_NUL, description="Uppdrag, i klarspråk.")
    mandate_source_url: str | None = Field(
        None, max_length=500, pattern=NO_NUL, description="Källa för uppdraget, till exempel instruktionen."
    )
    member_note: str | None = Field(None, pattern=NO_NUL, description="Om medlemmarna. Bara för nätverk.")
    case_email: str | None = Field(
        None, max_length=254, pattern=NO_NUL, description="Funktionsbrevlåda för ärenden (inte en persons adress)."
    )


class ResponsibilityIn(Schema):
    """One responsibility, whole: what an actor does within a topic, in which role, for whom and on what grounds."""

    model_config = ConfigDict(extra="forbid")

    theme: str = Field(
        max_length=80, pattern=SLUG, description="Ämnets slug: ett ämne, inte ett strategiskt område (/api/v1/themes)."
    )
    role: Role = Field(description="Aktörens roll inom ämnet. En aktör har varje roll högst en gång per ämne.")
    target_groups: list[Slug] = Field([], max_length=50, description="Målgruppernas slugs.")
    description: str = Field(pattern=NO_NUL, description="Vad aktören gör inom ämnet, i klarspråk.")
    basis: str = Field("", max_length=300, pattern=NO_NUL, description="Grund i lag eller beslut.")
    source_url: str = Field(max_length=500, pattern=NO_NUL, description="En webbsida där ansvaret står beskrivet.")
    questions: list[Annotated[str, Field(max_length=500, pattern=ONE_LINE)]] = Field(
        [], max_length=100, description="Typiska frågor, en rad var."
    )


class ServiceIn(Schema):
    """One service, whole: its name (unique for the actor), description, address, topic and target groups."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200, pattern=NO_NUL, description="Tjänstens namn, unikt för aktören.")
    description: str = Field("", pattern=NO_NUL, description="Beskrivning.")
    url: str = Field("", max_length=500, pattern=NO_NUL, description="Webbsidan där man använder tjänsten.")
    theme: str | None = Field(None, max_length=80, pattern=SLUG, description="Ämnets slug, om tjänsten har ett.")
    target_groups: list[Slug] = Field([], max_length=50, description="Målgruppernas slugs.")
