"""What the API returns: one schema per shape, documented in the OpenAPI file."""

from typing import Literal

from ninja import Field, Schema

from krokarm.actors.models import Actor

ActorKind = Literal["agency", "region", "municipality", "county_board", "ministry", "network", "organisation"]
Role = Literal["leder", "bidrar", "finansierar", "informerar"]


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
