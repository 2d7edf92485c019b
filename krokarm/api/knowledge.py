"""API v1, read and public: the knowledge bank (kunskapsbanken). Metadata only, from the same queries as the
pages (knowledge/queries.py); the link of an item shared on request is never returned. Registered on the one
NinjaAPI router by importing this module (views.py, last lines)."""

from typing import Annotated

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Actor, Theme
from krokarm.api import knowledge_schemas as out
from krokarm.api.errors import ApiError, unknown
from krokarm.api.schemas import SLUG, RegionSlug, ThemeSlug
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.knowledge import queries
from krokarm.knowledge.models import Item, Reuse

TAGS = ["kunskapsbanken"]
Id = Annotated[int, P(ge=1, le=2_147_483_647, description="Id, som i listan.")]


class KnowledgeFilters(Schema):
    kind: out.KnowledgeKind | None = Field(None, description="Typ av kunskap.")
    theme: ThemeSlug | None = Field(None, description="Temats slug; ett strategiskt område tar med sina ämnen.")
    region: RegionSlug | None = Field(None, description="Regionens slug; kunskap om hela landet kommer med.")
    owner: str | None = Field(None, max_length=80, pattern=SLUG, description="Slug för organisationen som delar.")


def _unknown(field: str, code: str, message: str, value: str) -> ApiError:
    return unknown(field, code, message % {"value": value})


@api.get("/knowledge", response={200: list[out.KnowledgeOut], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_knowledge(request: HttpRequest, filters: Query[KnowledgeFilters]) -> QuerySet[Item]:
    """Kunskapsbanken: rapporter, analyser, statistik, metoder och goda exempel, det nyaste först."""
    theme = region = owner = None
    if filters.theme:
        theme = Theme.objects.filter(slug=filters.theme).first()
        if theme is None:
            raise _unknown("theme", "unknown_theme", _("Okänt tema: %(value)s."), filters.theme)
    if filters.region:
        region = Actor.objects.filter(slug=filters.region, kind=Actor.Kind.REGION).first()
        if region is None:
            raise _unknown("region", "unknown_region", _("Okänd region: %(value)s."), filters.region)
    if filters.owner:
        owner = Actor.objects.filter(slug=filters.owner).first()
        if owner is None:
            raise _unknown("owner", "unknown_actor", _("Okänd aktör: %(value)s."), filters.owner)
    return queries.items(kind=filters.kind or "", theme=theme, region=region, owner=owner)


@api.get("/knowledge/{id}", response={200: out.KnowledgeDetail, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_knowledge(request: HttpRequest, id: Id) -> Item:
    """En kunskap med taggar och var den har återanvänts."""
    item = (
        queries.items()
        .prefetch_related(
            Prefetch(
                "reuses",
                queryset=Reuse.objects.select_related("actor").order_by("-created_at", "-pk"),
                to_attr="reuse_list",
            )
        )
        .filter(pk=id)
        .first()
    )
    if item is None:
        raise ApiError(404, "not_found", _("Det finns ingen kunskap med den adressen."))
    return item
