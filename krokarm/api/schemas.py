"""What the API returns and takes: one schema per shape, documented in the OpenAPI file."""

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import ConfigDict, GetCoreSchemaHandler, StringConstraints
from pydantic_core import PydanticCustomError, core_schema

from krokarm.actors.forms import URL_ERRORS, ProfileForm
from krokarm.actors.models import Actor
from krokarm.actors.reference_data import vocabularies
from krokarm.audit.provenance import Provenance, key_of, provenance_for, provenance_for_groups

ActorKind = Literal["agency", "region", "municipality", "county_board", "ministry", "network", "organisation"]
Role = Literal["leder", "bidrar", "finansierar", "informerar"]

# Slugs and codes are ASCII letters, digits and hyphens; free text may be anything printable.
# Neither may hold a NUL byte, which PostgreSQL refuses to store or compare.
SLUG = r"^[-a-zA-Z0-9_]+$"
NO_NUL = r"^[^\x00]*$"
# A typical question is one line: the HTML form takes them one per line.
ONE_LINE = r"^[^\x00-\x1f\x85\u2028\u2029]*$"
# A required text has a character a reader sees: something besides NUL, control characters and what Python's
# str.strip() removes (the forms strip what they are given, then a text of only spaces is missing).
_BLANK = r"\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
VISIBLE = rf"^[^\x00]*[^{_BLANK}][^\x00]*$"
# A web address the editing forms accept: http(s) (added when left out), a host name of letters, digits and
# hyphens with a top-level domain, then a path without spaces; short enough to stay within 500 characters with
# the https:// the forms add.
_LABEL = r"[a-zA-Z0-9åäöÅÄÖ](?:[-a-zA-Z0-9åäöÅÄÖ]{0,30}[a-zA-Z0-9åäöÅÄÖ])?"
WEB_ADDRESS = rf"^(?:https?://)?(?:{_LABEL}\.){{1,4}}[a-zA-Z]{{2,20}}(?:[/?#][!-~]{{0,300}})?$"
OPTIONAL_WEB_ADDRESS = rf"^$|{WEB_ADDRESS}"
# An e-mail address the forms accept (a dot-atom before @, a host name with a top-level domain), or nothing.
_ATOM = r"[-a-zA-Z0-9!#$%&'*+/=?^_`{|}~]+"
_ASCII_LABEL = r"[a-zA-Z0-9](?:[-a-zA-Z0-9]{0,30}[a-zA-Z0-9])?"
OPTIONAL_EMAIL = rf"^$|^{_ATOM}(?:\.{_ATOM})*@(?:{_ASCII_LABEL}\.){{1,4}}[a-zA-Z]{{2,20}}$"

# The fixed vocabularies of data/ (counties, regions, themes, target groups): the document lists them as
# enumerations and the server refuses anything else with 400 and a code naming the vocabulary (unknown_theme…).
VOCABULARIES = vocabularies(settings.DATA_DIR)


@dataclass(frozen=True)
class OneOf:
    """A slug or code from one of the vocabularies: an `enum` in the document, checked when the request is read."""

    code: str
    message: Promise  # with %(value)s
    values: tuple[str, ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: Any) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def check(self, value: str) -> str:
        if value not in self.values:
            raise PydanticCustomError(self.code, "{text}", {"text": str(self.message) % {"value": value[:80]}})
        return value


@dataclass(frozen=True)
class Matching:
    """A text the editing forms accept: a `pattern` in the document, refused with the forms' Swedish message."""

    pattern: str
    message: Promise

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: Any) -> dict[str, Any]:
        return {**handler(schema), "pattern": self.pattern}

    def check(self, value: str) -> str:
        if re.fullmatch(self.pattern, value) is None:
            raise PydanticCustomError("invalid", "{text}", {"text": str(self.message)})
        return value


_SLUG = StringConstraints(max_length=80, pattern=SLUG)
_THEME = _("Okänt tema: %(value)s.")
_COUNTY = _("Okänt län: %(value)s.")
_REGION = _("Okänd region: %(value)s.")
V = VOCABULARIES
# Filters: a value outside the vocabulary is named in the error's code.
ThemeSlug = Annotated[str, _SLUG, OneOf("unknown_theme", _THEME, V.theme_slugs)]
RegionSlug = Annotated[str, _SLUG, OneOf("unknown_region", _REGION, V.region_slugs)]
CountySlug = Annotated[str, _SLUG, OneOf("unknown_county", _COUNTY, V.county_slugs)]
CountyCode = Annotated[str, OneOf("unknown_county", _COUNTY, V.county_codes)]
CountySlugOrCode = Annotated[str, _SLUG, OneOf("unknown_county", _COUNTY, V.county_slugs + V.county_codes)]
Place = Annotated[str, _SLUG, OneOf("unknown_region", _REGION, V.region_slugs + V.county_slugs + V.county_codes)]
# What an editor writes: the editing forms' rules and messages.
TopicSlug = Annotated[str, _SLUG, OneOf("invalid_choice", _("Välj ett ämne i listan."), V.topic_slugs)]
TargetGroupSlug = Annotated[str, _SLUG, OneOf("invalid_choice", _("Välj målgrupper i listan."), V.target_group_slugs)]
_ADDRESS = URL_ERRORS["invalid"]
WebAddress = Annotated[str, StringConstraints(max_length=500), Matching(WEB_ADDRESS, _ADDRESS)]
OptionalWebAddress = Annotated[str, StringConstraints(max_length=500), Matching(OPTIONAL_WEB_ADDRESS, _ADDRESS)]
_EMAIL = ProfileForm.base_fields["case_email"].error_messages["invalid"]
OptionalEmail = Annotated[str, StringConstraints(max_length=254), Matching(OPTIONAL_EMAIL, _EMAIL)]


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


class ProvenanceOut(Schema):
    checked_on: datetime.date | None = Field(
        description="Dagen då uppgifterna senast jämfördes med sin källa (för referensdata), annars null."
    )
    confirmed_by: ActorRef | None = Field(description="Organisationen som senast bekräftade uppgifterna, eller null.")
    confirmed_on: datetime.date | None = Field(description="Dagen då de senast bekräftades, eller null.")


def provenance_out(obj: Any) -> Provenance:
    """The row's provenance as its parent's resolver attached it (one batch per response), else read alone."""
    found = getattr(obj, "api_provenance", None)
    return found if found is not None else provenance_for([obj])[obj.pk]


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

    provenance: ProvenanceOut

    @staticmethod
    def resolve_provenance(obj: object) -> Provenance:
        return provenance_out(obj)


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

    provenance: ProvenanceOut

    @staticmethod
    def resolve_provenance(obj: object) -> Provenance:
        return provenance_out(obj)


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
    provenance: ProvenanceOut

    @staticmethod
    def resolve_responsibilities(obj: Actor) -> list[object]:
        return _with_provenance(obj, list(obj.responsibilities.all()))

    @staticmethod
    def resolve_services(obj: Actor) -> list[object]:
        return _with_provenance(obj, list(obj.services.all()))

    @staticmethod
    def resolve_provenance(obj: Actor) -> Provenance:
        return _actor_provenance(obj)[key_of(obj)]

    @staticmethod
    def resolve_networks(obj: Actor) -> list[Actor]:
        return [m.network for m in obj.network_memberships.all()]

    @staticmethod
    def resolve_members(obj: Actor) -> list[dict[str, object]]:
        if obj.kind != Actor.Kind.NETWORK:
            return []  # only networks have members (and only theirs are read)
        return [{"actor": m.member, "role": m.role} for m in obj.memberships.all()]


def _actor_provenance(actor: Actor) -> dict[tuple[str, str], Provenance]:
    """The provenance of the actor, its responsibilities and its services, read once per response (2 queries)."""
    found: dict[tuple[str, str], Provenance] | None = getattr(actor, "_api_provenance", None)
    if found is None:
        found = provenance_for_groups([actor], actor.responsibilities.all(), actor.services.all())
        actor._api_provenance = found  # type: ignore[attr-defined]
    return found


def _with_provenance(actor: Actor, rows: list[Any]) -> list[Any]:
    found = _actor_provenance(actor)
    for row in rows:
        row.api_provenance = found.get(key_of(row)) or Provenance()
    return rows


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
    summary_en: str = Field("", description="Några meningar på engelska från aktörens egen engelska sida; tom utan.")
    english_url: str = Field("", description="Aktörens sida på engelska; tom när den saknas.")


class RoutedResponsibility(Schema):
    topic: str
    topic_name: str
    role: Role | None = Field(description="Tom (null) när träffen är en av aktörens tjänster.")
    description: str


class NextStepOut(Schema):
    label: str = Field(
        description="Länktexten: tjänstens namn, eller vems webbplats länken går till när tjänsten saknar egen sida."
    )
    url: str = Field(description="Tjänstens egen sida eller aktörens webbplats; tom när det inte finns någon.")
    host: str = Field(description="Webbplatsen som länken går till, utan www: arbetsformedlingen.se. Tom utan adress.")
    website: bool = Field(description="Sant när nästa steg är aktörens webbplats och inte en tjänsts egen sida.")


class ContactOut(Schema):
    url: str = Field(..., description="Aktörens egen webbplats.")
    host: str = Field(..., description="Webbplatsens adress utan www, för länktexten.")


class RouteResult(Schema):
    actor: RoutedActor
    score: float
    responsibility: RoutedResponsibility
    next_step: NextStepOut | None
    reason: str
    receives_cases: bool = Field(
        ...,
        description=(
            "Om aktören tar emot frågor som ärenden i krokarm (någon arbetar där, eller den har en "
            "funktionsbrevlåda). Annars: kontakta aktören direkt via contact."
        ),
    )
    contact: ContactOut | None = Field(..., description="Aktörens egen kontaktväg: webbplatsen.")


class RouteOut(Schema):
    results: list[RouteResult]
    confidence: Literal["high", "medium", "low"]
    language: Literal["sv", "en"] = Field(
        "sv", description="Svarets språk: en när frågan var på engelska eller lang=en begärdes, annars sv."
    )


# What the write operations take. Unknown fields are refused, so a misspelt field is never silently ignored.
# The HTML forms (actors/forms.py) then check the same rules as on the editing pages.


class ProfileIn(Schema):
    """The parts of an actor's profile its editors keep current. Only the fields sent change; null empties one."""

    model_config = ConfigDict(extra="forbid")

    short_name: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Kort namn.")
    website: OptionalWebAddress | None = Field(None, description="Webbplats; utan https:// läggs det till.")
    seat: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Säte.")
    mandate: str | None = Field(None, pattern=NO_NUL, description="Uppdrag, i klarspråk.")
    mandate_source_url: OptionalWebAddress | None = Field(
        None, description="Källa för uppdraget, till exempel instruktionen."
    )
    member_note: str | None = Field(
        None, pattern=NO_NUL, description="Om medlemmarna. Bara för nätverk: för en annan aktör svarar vi 409."
    )
    case_email: OptionalEmail | None = Field(
        None, description="Funktionsbrevlåda för ärenden (inte en persons adress)."
    )


class ResponsibilityIn(Schema):
    """One responsibility, whole: what an actor does within a topic, in which role, for whom and on what grounds."""

    model_config = ConfigDict(extra="forbid")

    theme: TopicSlug = Field(description="Ämnets slug: ett ämne, inte ett strategiskt område (/api/v1/themes).")
    role: Role = Field(
        description="Aktörens roll inom ämnet. En aktör har varje roll högst en gång per ämne: en till svarar 409."
    )
    target_groups: list[TargetGroupSlug] = Field([], max_length=50, description="Målgruppernas slugs.")
    description: Annotated[str, Matching(VISIBLE, _("Beskriv ansvaret."))] = Field(
        description="Vad aktören gör inom ämnet, i klarspråk."
    )
    basis: str = Field("", max_length=300, pattern=NO_NUL, description="Grund i lag eller beslut.")
    source_url: WebAddress = Field(description="En webbsida där ansvaret står beskrivet.")
    questions: list[Annotated[str, Field(max_length=500, pattern=ONE_LINE)]] = Field(
        [], max_length=100, description="Typiska frågor, en rad var."
    )


class ServiceIn(Schema):
    """One service, whole: its name (unique for the actor), description, address, topic and target groups."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(max_length=200), Matching(VISIBLE, _("Skriv tjänstens namn."))] = Field(
        description="Tjänstens namn, unikt för aktören: ett namn som finns svarar 409."
    )
    description: str = Field("", pattern=NO_NUL, description="Beskrivning.")
    url: OptionalWebAddress = Field("", description="Webbsidan där man använder tjänsten.")
    theme: TopicSlug | None = Field(None, description="Ämnets slug, om tjänsten har ett.")
    target_groups: list[TargetGroupSlug] = Field([], max_length=50, description="Målgruppernas slugs.")
