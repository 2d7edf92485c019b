"""API v1: the directory, open to read; changes with a personal API token (writes.py).

Authentication, validation and errors at the edge, then the same queries and actions as the pages.
"""

import logging
from typing import Annotated, Any, Literal

from django import db
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate

from krokarm.accounts.queries import receiving_slugs
from krokarm.actors import permissions, queries
from krokarm.actors.models import Actor, Theme
from krokarm.api import schemas
from krokarm.api.errors import ApiError, error_response, server_error, unavailable, unknown, validation_details
from krokarm.api.schemas import NO_NUL, SLUG
from krokarm.audit.cache import cache_public_page
from krokarm.lib.database import already_logged, log_trouble, trouble
from krokarm.lib.errors import Refused

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="krokarm API",
    version="1",
    description=(
        "Läsbar öppen data om aktörerna i svensk regional utveckling och kompetensförsörjning: "
        "regioner, kommuner, myndigheter och vem som ansvarar för vad. "
        "Att läsa kräver ingen inloggning. Att ändra en aktörs profil, ansvar och tjänster kräver en personlig "
        "API-nyckel (skapa den på /konto/api-nycklar/) i huvudet Authorization: Bearer krk_…, och att du är "
        "redaktör för aktören. "
        'Fel har alltid formen {"error": {"status", "code", "message", "details"}}.'
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS: dict[int, type[Schema]] = {400: schemas.Error, 404: schemas.Error}


class Pagination(LimitOffsetPagination):
    """`limit` (1–200, default 25) and `offset`; answers {"items": [...], "count": N}."""

    class Input(Schema):
        limit: int = Field(25, ge=1, le=200, description="Hur många rader (1–200).")
        offset: int = Field(0, ge=0, le=1_000_000, description="Hur många rader som hoppas över.")


class ActorFilters(Schema):
    kind: schemas.ActorKind | None = Field(None, description="Typ av aktör.")
    region: schemas.Place | None = Field(
        None, description="Län: regionens slug (region-skane), länets slug (skane-lan) eller länskod (12)."
    )
    theme: schemas.ThemeSlug | None = Field(None, description="Temats slug; ett strategiskt område tar med sina ämnen.")
    q: str | None = Field(
        None, max_length=200, pattern=NO_NUL, description="Fritext: namn, ort, kommunkod eller uppdrag."
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """400 with every wrong value; a value outside a vocabulary alone keeps its own code (unknown_theme…)."""
    details = validation_details(exc.errors)
    codes = {str(error.get("type", "")) for error in exc.errors}
    if len(codes) == 1 and next(iter(codes)).startswith("unknown_"):
        return error_response(400, codes.pop(), details[0]["message"], details)
    return error_response(400, "invalid_request", _("Förfrågan har fel värden."), details)


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(Refused)
def on_refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", str(exc) or _("Hittades inte."))


@api.exception_handler(AuthenticationError)
def on_not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    if request.headers.get("Authorization"):
        message = _("API-nyckeln gäller inte. Den kan vara felskriven, återkallad eller ha gått ut.")
        response = error_response(401, "invalid_token", message)
        response["WWW-Authenticate"] = 'Bearer realm="krokarm", error="invalid_token"'
    else:
        message = _("Ändringar kräver en API-nyckel i huvudet Authorization: Bearer. Skapa en på /konto/api-nycklar/.")
        response = error_response(401, "not_authenticated", message)
        response["WWW-Authenticate"] = 'Bearer realm="krokarm"'
    return response


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = _("Du får inte ändra den här aktören. Det får bara dess redaktörer och administratörer.")
    return error_response(403, "forbidden", message)


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error in the API", exc_info=exc)
    return server_error()


@api.exception_handler(db.Error)  # DatabaseError and InterfaceError (a closed connection), which is none
def on_database_error(request: HttpRequest, exc: db.Error) -> HttpResponse:
    """A lock or statement timeout, a locked SQLite file or an unreachable database: 503, logged once."""
    kind = trouble(exc)
    if kind is None:
        return on_unexpected_error(request, exc)
    log_trouble(kind, request, exc)
    return already_logged(unavailable(request))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, "http_error", str(exc))


@api.get("/actors", response={200: list[schemas.ActorSummary], **ERRORS}, tags=["aktörer"])
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_actors(request: HttpRequest, filters: Query[ActorFilters]) -> QuerySet[Actor]:
    """Aktörer, filtrerade på typ, län, tema och fritext."""
    county = None
    if filters.region:
        county = queries.find_county(filters.region)
        if county is None:
            raise unknown(
                "region",
                "unknown_region",
                _("Okänd region: %(value)s.") % {"value": filters.region},
                _("Ange en regions slug, ett läns slug eller en länskod."),
            )
    theme = None
    if filters.theme:
        theme = Theme.objects.filter(slug=filters.theme).first()
        if theme is None:
            raise unknown(
                "theme",
                "unknown_theme",
                _("Okänt tema: %(value)s.") % {"value": filters.theme},
                _("Se /api/v1/themes för giltiga teman."),
            )
    return queries.filter_actors(kind=filters.kind or "", county=county, theme=theme, q=filters.q or "")


@api.get("/actors/{slug}", response={200: schemas.ActorDetail, **ERRORS}, tags=["aktörer"])
@decorate_view(cache_public_page)
def get_actor(
    request: HttpRequest, response: HttpResponse, slug: Annotated[str, P(pattern=SLUG, max_length=80)]
) -> Actor:
    """En aktör med uppdrag, ansvar, tjänster och nätverk. Svarets ETag är profilens version (till If-Match)."""
    actor = permissions.get_actor_for_viewing(request.user, slug)
    response["ETag"] = f'"{actor.version}"'
    return actor


@api.get("/regions", response={200: list[schemas.RegionOut], **ERRORS}, tags=["geografi"])
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_regions(request: HttpRequest) -> QuerySet[Actor]:
    """De 21 regionerna med sina län."""
    return Actor.objects.filter(kind=Actor.Kind.REGION).select_related("county").order_by("county__code")


class MunicipalityFilters(Schema):
    county: schemas.CountyCode | None = Field(None, description="Länskod, två siffror (t.ex. 12).")


@api.get("/municipalities", response={200: list[schemas.MunicipalityOut], **ERRORS}, tags=["geografi"])
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_municipalities(request: HttpRequest, filters: Query[MunicipalityFilters]) -> QuerySet[Actor]:
    """Sveriges 290 kommuner med kommunkod och län."""
    municipalities = Actor.objects.filter(kind=Actor.Kind.MUNICIPALITY).select_related("county").order_by("code")
    if filters.county:
        municipalities = municipalities.filter(county__code=filters.county)
    return municipalities


@api.get("/themes", response={200: list[schemas.ThemeOut], **ERRORS}, tags=["teman"])
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_themes(request: HttpRequest) -> Any:
    """Den nationella strategins strategiska områden och ämnena inom dem."""
    return Theme.objects.select_related("parent").order_by("parent__order", "order", "pk")


class RouteQuery(Schema):
    q: str = Field(..., min_length=1, max_length=2000, pattern=NO_NUL, description="Frågan med egna ord.")
    region: schemas.CountyCode | None = Field(None, description="Länskod, två siffror.")
    asker: schemas.Asker | None = Field(None, description="Vem som frågar.")
    lang: Literal["sv", "en"] | None = Field(
        None, description="Svarets språk. Utan: engelska när frågan är på engelska, annars sidans språk."
    )


@api.get("/route", response={200: schemas.RouteOut, **ERRORS}, tags=["väg in"])
@decorate_view(cache_public_page)
def route(request: HttpRequest, query: Query[RouteQuery]) -> dict[str, Any]:
    """Vilka aktörer som ansvarar för en fråga, bäst först, med skäl och nästa steg."""
    from krokarm.wayin.answers import answer_json
    from krokarm.wayin.catalogue import get_router

    answer = get_router().route(query.q, county_code=query.region, asker=query.asker)
    receiving = receiving_slugs(result.actor.slug or "" for result in answer.results)
    language = query.lang or ("en" if "en" in (answer.language, translation.get_language()) else "sv")
    with translation.override(language):
        results = answer_json(answer, receiving)
    return {"results": results, "confidence": answer.confidence, "language": language}


# The write operations are on the same router (a PATCH shares its path with a GET); importing them adds them.
# So do the strategies, entry points and needs (strategies.py) and the networks (networks.py).
from krokarm.api import challenges as _challenges_api  # noqa: E402, F401
from krokarm.api import dialogues as _dialogues_api  # noqa: E402, F401
from krokarm.api import funding as _funding_api  # noqa: E402, F401
from krokarm.api import knowledge as _knowledge_api  # noqa: E402, F401
from krokarm.api import networks, strategies, writes  # noqa: E402, F401
from krokarm.api import search as _search_api  # noqa: E402, F401
