"""API v1, read and public: dialogues (events with their sessions, insights, proposals and follow-ups) and the
action register. Organisations only, never people. Registered on the one NinjaAPI router by importing this
module (views.py, last lines)."""

from typing import Annotated, TypeVar

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Actor, Theme
from krokarm.api import dialogue_schemas as out
from krokarm.api.errors import ApiError, unknown
from krokarm.api.schemas import SLUG, ThemeSlug
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.dialogues import queries
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal, Support

TAGS = ["dialoger"]
Known = TypeVar("Known", Actor, Theme, Event)


class EventFilters(Schema):
    kind: out.EventKind | None = Field(None, description="Typ av träff.")
    organiser: str | None = Field(None, max_length=80, pattern=SLUG, description="Arrangörens slug.")
    upcoming: bool | None = Field(None, description="true: bara kommande träffar; false: bara de som har varit.")


class ActionFilters(Schema):
    owner: str | None = Field(None, max_length=80, pattern=SLUG, description="Den ansvariga organisationens slug.")
    status: out.ActionStatus | None = Field(None, description="Åtgärdens status.")
    theme: ThemeSlug | None = Field(None, description="Temats slug (kompetensforsorjning).")
    event: str | None = Field(None, max_length=80, pattern=SLUG, description="Dialogens slug.")
    overdue: bool = Field(False, description="true: bara försenade åtgärder.")


def _known(model: type[Known], field: str, slug: str | None) -> Known | None:
    """The object with `slug`, or a 404 naming the filter: an unknown value is a mistake, not an empty list."""
    if not slug:
        return None
    found: Known | None = model._default_manager.filter(slug=slug).first()
    if found is None:
        raise unknown(field, f"unknown_{field}", _("Okänt värde: %(value)s.") % {"value": slug})
    return found


@api.get("/events", response={200: list[out.EventSummary], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> QuerySet[Event]:
    """Dialogdagar, nätverksmöten och webbinarier, de senaste först."""
    events = Event.objects.select_related("organiser").order_by("-starts_at", "pk")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.organiser:
        events = events.filter(organiser=_known(Actor, "organiser", filters.organiser))
    if filters.upcoming is not None:
        now = timezone.now()
        events = events.filter(ends_at__gte=now) if filters.upcoming else events.filter(ends_at__lt=now)
    return events


@api.get("/events/{slug}", response={200: out.EventOut, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_event(request: HttpRequest, slug: Annotated[str, P(pattern=SLUG, max_length=80)]) -> Event:
    """En träff med program, inbjudna organisationer och dialogpassen med insikter, förslag och nästa steg."""
    proposals = Proposal.objects.select_related("theme").prefetch_related(
        Prefetch("supports", queryset=Support.objects.select_related("actor").order_by("actor__name")),
        Prefetch("followups", queryset=FollowUp.objects.select_related("owner").order_by("due_on", "pk")),
    )
    sessions = DialogueSession.objects.select_related("theme").prefetch_related(
        Prefetch("participants", queryset=Actor.objects.order_by("name")),
        Prefetch("notes", queryset=Note.objects.order_by("created_at", "pk")),
        Prefetch("proposals", queryset=proposals.order_by("created_at", "pk")),
    )
    event = (
        Event.objects.select_related("organiser")
        .prefetch_related(
            Prefetch("invited", queryset=Actor.objects.order_by("name")),
            Prefetch("sessions", queryset=sessions.order_by("position", "starts_at", "pk")),
        )
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise ApiError(404, "not_found", _("Det finns ingen dialog med den adressen."))
    return event


@api.get("/actions", response={200: list[out.ActionInRegister], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_actions(request: HttpRequest, filters: Query[ActionFilters]) -> QuerySet[FollowUp]:
    """Åtgärdsregistret: nästa steg från alla dialoger, med ansvarig organisation, datum och status."""
    return queries.open_actions(
        owner=_known(Actor, "owner", filters.owner),
        status=filters.status,
        theme=_known(Theme, "theme", filters.theme),
        event=_known(Event, "event", filters.event),
        overdue=filters.overdue,
    )
