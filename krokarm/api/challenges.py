"""API v1, read and public: challenges (utmaningar) with their outcomes, participants and the regions'
approaches. The same queries as the pages (challenges/queries.py); registered on the one NinjaAPI router by
importing this module (views.py, last lines)."""

from typing import Annotated

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Theme
from krokarm.api import challenge_schemas as out
from krokarm.api.errors import ApiError, unknown
from krokarm.api.schemas import SLUG, ThemeSlug
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.challenges import queries
from krokarm.challenges.models import Approach, Challenge, Participant

TAGS = ["utmaningar"]


class ChallengeFilters(Schema):
    theme: ThemeSlug | None = Field(None, description="Temats slug (kompetensforsorjning).")
    status: out.ChallengeStatus | None = Field(None, description="Utmaningens status.")
    kind: out.ChallengeKind | None = Field(None, description="Generell eller platsbaserad.")


def _theme(slug: str | None) -> Theme | None:
    if not slug:
        return None
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise unknown("theme", "unknown_theme", _("Okänt tema: %(value)s.") % {"value": slug})
    return theme


@api.get("/challenges", response={200: list[out.ChallengeSummary], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_challenges(request: HttpRequest, filters: Query[ChallengeFilters]) -> QuerySet[Challenge]:
    """Utmaningar med mål, status och tema, i bokstavsordning."""
    return queries.challenges(theme=_theme(filters.theme), status=filters.status, kind=filters.kind)


@api.get("/challenges/{slug}", response={200: out.ChallengeOut, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_challenge(request: HttpRequest, slug: Annotated[str, P(pattern=SLUG, max_length=80)]) -> Challenge:
    """En utmaning med önskade resultat, deltagare och regionernas arbetssätt."""
    challenge = (
        Challenge.objects.select_related("lead")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            "outcomes",
            Prefetch(
                "participants", queryset=Participant.objects.select_related("actor").order_by("role", "actor__name")
            ),
            Prefetch("approaches", queryset=Approach.objects.select_related("region").order_by("region__name")),
        )
        .filter(slug=slug)
        .first()
    )
    if challenge is None:
        raise ApiError(404, "not_found", _("Det finns ingen utmaning med den adressen."))
    return challenge
