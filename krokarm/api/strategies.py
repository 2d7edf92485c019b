"""API v1, read and public: regional development strategies (RUS), their processes with phases, the entry points
where regions ask agencies for something, and regional needs. The same queries as the pages
(strategies/queries.py, needs/queries.py); registered on the one NinjaAPI router by importing this module
(views.py, last lines). Contributions are not public and are not here."""

from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Actor, Theme
from krokarm.api import strategy_schemas as out
from krokarm.api.errors import ApiError, unknown
from krokarm.api.schemas import SLUG, RegionSlug, ThemeSlug
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.needs import queries as need_queries
from krokarm.needs.models import Answer, Need
from krokarm.strategies import queries
from krokarm.strategies.models import EntryPoint, Strategy

TAGS = ["strategier (RUS)"]
NEED_TAGS = ["regionala behov"]
Id = Annotated[int, P(ge=1, le=2_147_483_647, description="Id, som i listan.")]


def _actor(slug: str | None, kinds: tuple[str, ...], field: str, code: str, message: str) -> Actor | None:
    if not slug:
        return None
    found = Actor.objects.filter(slug=slug, kind__in=kinds).first()
    if found is None:
        raise unknown(field, code, message % {"value": slug})
    return found


def _region(slug: str | None) -> Actor | None:
    return _actor(slug, (Actor.Kind.REGION,), "region", "unknown_region", _("Okänd region: %(value)s."))


def _theme(slug: str | None) -> Theme | None:
    if not slug:
        return None
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise unknown(
            "theme",
            "unknown_theme",
            _("Okänt tema: %(value)s.") % {"value": slug},
            _("Se /api/v1/themes för giltiga teman."),
        )
    return theme


class RegionFilter(Schema):
    region: RegionSlug | None = Field(None, description="Regionens slug (region-skane).")


@api.get("/strategies", response={200: list[out.StrategyOut], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_strategies(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[Strategy]:
    """Regionernas utvecklingsstrategier med prioriteringar, per region."""
    return queries.strategies(_region(filters.region))


@api.get("/strategies/{slug}", response={200: out.StrategyOut, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_strategy(request: HttpRequest, slug: Annotated[str, P(pattern=SLUG, max_length=80)]) -> Strategy:
    """En strategi med prioriteringar och den nationella strategins områden."""
    strategy = queries.strategies().filter(slug=slug).first()
    if strategy is None:
        raise ApiError(404, "not_found", _("Det finns ingen strategi med den adressen."))
    return strategy


class ProcessFilters(RegionFilter):
    status: out.ProcessStatus | None = Field(None, description="Processens läge.")


@api.get("/processes", response={200: list[out.ProcessOut], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_processes(request: HttpRequest, filters: Query[ProcessFilters]) -> Any:
    """Regionernas arbete med strategierna: revidering, genomförande eller uppföljning, med faser."""
    return queries.processes(_region(filters.region), filters.status or "")


class EntryPointFilters(RegionFilter):
    open: bool | None = Field(None, description="true: bara de som är öppna i dag; false: bara de som inte är det.")
    theme: ThemeSlug | None = Field(None, description="Temats slug; ett strategiskt område tar med sina ämnen.")
    agency: str | None = Field(
        None,
        max_length=80,
        pattern=SLUG,
        description="Myndighetens slug: ingångar där den är inbjuden och de som är öppna för alla.",
    )


@api.get("/entry-points", response={200: list[out.EntryPointOut], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_entry_points(request: HttpRequest, filters: Query[EntryPointFilters]) -> QuerySet[EntryPoint]:
    """Ingångar där regionerna ber myndigheter om något, den närmaste sista dagen först."""
    agency = _actor(filters.agency, (Actor.Kind.AGENCY,), "agency", "unknown_agency", _("Okänd myndighet: %(value)s."))
    state = {None: "all", True: "open", False: "not_open"}[filters.open]
    found = queries.entry_points(state, region=_region(filters.region), theme=_theme(filters.theme), agency=agency)
    return found.order_by("closes_on", "pk")


@api.get("/entry-points/{id}", response={200: out.EntryPointOut, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_entry_point(request: HttpRequest, id: Id) -> EntryPoint:
    """En ingång med fönster, kontakt, inbjudna myndigheter och teman."""
    entry = queries.entry_point(id)
    if entry is None:
        raise ApiError(404, "not_found", _("Det finns ingen ingång med den adressen."))
    return entry


# Regional needs


class NeedFilters(RegionFilter):
    theme: ThemeSlug | None = Field(None, description="Temats slug; ett strategiskt område tar med sina ämnen.")
    invited: str | None = Field(None, max_length=80, pattern=SLUG, description="En inbjuden myndighets slug.")


@api.get("/needs", response={200: list[out.NeedOut], **ERRORS}, tags=NEED_TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_needs(request: HttpRequest, filters: Query[NeedFilters]) -> QuerySet[Need]:
    """Regionernas öppna behov, det nyaste först."""
    invited = _actor(
        filters.invited,
        (Actor.Kind.AGENCY, Actor.Kind.REGION),
        "invited",
        "unknown_actor",
        _("Okänd myndighet: %(value)s."),
    )
    return need_queries.open_needs(region=_region(filters.region), theme=_theme(filters.theme), invited=invited)


@api.get("/needs/{id}", response={200: out.NeedDetail, **ERRORS}, tags=NEED_TAGS)
@decorate_view(cache_public_page)
def get_need(request: HttpRequest, id: Id) -> Need:
    """Ett behov med inbjudna och organisationernas svar (utan namn på personerna)."""
    need = (
        Need.objects.select_related("region")
        .prefetch_related(
            "themes",
            Prefetch("invited", queryset=Actor.objects.order_by("name")),
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("actor").order_by("created_at", "pk"),
                to_attr="answer_list",
            ),
        )
        .filter(pk=id)
        .first()
    )
    if need is None:
        raise ApiError(404, "not_found", _("Det finns inget behov med den adressen."))
    return need
