"""API v1, read and public: the EU programmes 2021–2027 (krokarm/funding) with their counties, themes and whom
the money reaches. The same queries as the pages (funding/queries.py); registered on the one NinjaAPI router by
importing this module (views.py, last lines)."""

from typing import Annotated

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Theme
from krokarm.api import funding_schemas as out
from krokarm.api.errors import ApiError, unknown
from krokarm.api.schemas import SLUG, CountySlugOrCode, ThemeSlug
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.funding import queries
from krokarm.funding.models import Programme
from krokarm.regions.models import County

TAGS = ["EU-program"]


class ProgrammeFilters(Schema):
    fund: out.Fund | None = Field(None, description="Fonden: eruf, esf, fro eller interreg.")
    county: CountySlugOrCode | None = Field(None, description="Län: länets slug (gotlands-lan) eller länskod (09).")
    theme: ThemeSlug | None = Field(None, description="Temats slug; ett strategiskt område tar med sina ämnen.")
    target: out.Target | None = Field(None, description="Bara program som når den här målgruppen.")


def _county(value: str | None) -> County | None:
    if not value:
        return None
    county = County.objects.filter(Q(slug=value) | Q(code=value)).first()
    if county is None:
        raise unknown("county", "unknown_county", _("Okänt län: %(value)s.") % {"value": value})
    return county


def _theme(value: str | None) -> Theme | None:
    if not value:
        return None
    theme = Theme.objects.filter(slug=value).first()
    if theme is None:
        raise unknown(
            "theme",
            "unknown_theme",
            _("Okänt tema: %(value)s.") % {"value": value},
            _("Se /api/v1/themes för giltiga teman."),
        )
    return theme


@api.get("/programmes", response={200: list[out.ProgrammeOut], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilters]) -> QuerySet[Programme]:
    """EU-programmen 2021–2027 med programområden och regionala handlingsplaner, i programmens ordning."""
    programmes = queries.all_programmes().order_by("order")
    if filters.fund:
        programmes = programmes.filter(fund=filters.fund)
    county = _county(filters.county)
    if county is not None:
        programmes = programmes.filter(counties=county)
    theme = _theme(filters.theme)
    if theme is not None:
        programmes = programmes.filter(pk__in=Programme.objects.filter(queries.theme_filter(theme)).values("pk"))
    if filters.target:
        programmes = programmes.filter(reach__target=filters.target)
    return programmes


@api.get("/programmes/{slug}", response={200: out.ProgrammeOut, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_programme(request: HttpRequest, slug: Annotated[str, P(pattern=SLUG, max_length=80)]) -> Programme:
    """Ett EU-program med län, teman, vilka pengarna når och källa."""
    programme = queries.all_programmes().filter(slug=slug).first()
    if programme is None:
        raise ApiError(404, "not_found", _("Det finns inget EU-program med den adressen."))
    return programme
