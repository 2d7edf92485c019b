"""API v1, read and public: the site search (krokarm/search), the same engine and index as /sok/.

Registered on the one NinjaAPI router by importing this module (views.py, last lines)."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from krokarm.api.errors import unknown
from krokarm.api.schemas import NO_NUL, CountySlug, ThemeSlug
from krokarm.api.views import ERRORS, api
from krokarm.regions.models import County
from krokarm.search import queries
from krokarm.search.registry import KINDS
from krokarm.search.snippets import snippet

Kind = Literal[
    "aktor", "ansvar", "strategi", "ingang", "behov", "utmaning", "kunskap", "program", "dialog", "kommentar"
]
assert set(Kind.__args__) == set(KINDS)  # type: ignore[attr-defined]


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL, description="Sökord, med egna ord.")
    kind: Kind | None = Field(None, description="Bara en typ av träffar.")
    county: CountySlug | None = Field(None, description="Länets slug (vasterbottens-lan).")
    theme: ThemeSlug | None = Field(None, description="Temats slug; ett område tar med sina ämnen.")
    offset: int = Field(0, ge=0, le=10_000, description="Hoppa över så många träffar (med kind).")
    limit: int = Field(20, ge=1, le=100, description="Högst så många träffar (med kind); utan kind: per typ.")


class SearchHit(Schema):
    kind: str
    title: str
    url: str
    snippet: str = Field(description="Ett utdrag ur texten kring de ord som matchade.")
    score: float


class SearchOut(Schema):
    total: int
    by_kind: dict[str, int] = Field(description="Antal träffar per typ (oberoende av kind).")
    results: list[SearchHit]


@api.get("/search", response={200: SearchOut, **ERRORS}, tags=["sök"])
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    """Sök i allt som är offentligt på krokarm: aktörer, ansvar, strategier, ingångar, behov, utmaningar, kunskap,
    EU-program och kommentarer. Samma svenska textanalys och rangordning som sidan /sok/."""
    region = ""
    if query.county:
        code = County.objects.filter(slug=query.county).values_list("code", flat=True).first()
        if code is None:
            raise unknown("county", "unknown_county", _("Okänt län: %(value)s.") % {"value": query.county})
        region = code
    if query.kind:
        results, _terms = queries.run(
            query.q, kind=query.kind, region=region, theme=query.theme or "", offset=query.offset, limit=query.limit
        )
    else:
        results, _terms = queries.run(query.q, region=region, theme=query.theme or "", per_kind=query.limit)
    entries = queries.entries_for(results.hits)
    hits = []
    for hit in results.hits:
        entry = entries.get(hit.entry_id)
        if entry is not None:
            text = "".join(part.text for part in snippet(entry.text, results.keys))
            hits.append(
                {
                    "kind": hit.kind,
                    "title": entry.title,
                    "url": entry.url,
                    "snippet": text,
                    "score": round(hit.score, 4),
                }
            )
    return {"total": sum(results.by_kind.values()), "by_kind": results.by_kind, "results": hits}
