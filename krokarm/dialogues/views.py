"""The dialogue pages: events, registration, sessions with quick capture, proposals and the action register."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, roles_at
from krokarm.actors.models import Actor
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.comments import queries as comment_queries
from krokarm.comments.registry import entry_for
from krokarm.dialogues import actions, permissions, queries
from krokarm.dialogues.forms import (
    PROPOSAL,
    ActionFilterForm,
    CaptureForm,
    EventForm,
    FollowUpForm,
    FollowUpStatusForm,
    RegistrationForm,
    SessionForm,
    SupportForm,
    TakeOnForm,
)
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Proposal, Registration
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.lib.errors import Refused

EDITING_ROLES = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
# Said when the same form arrives twice (a double click, a double tap, a resent page): the first one counted.
ALREADY_SENT = gettext_lazy("Det här var redan sparat: formuläret skickades två gånger.")


# --- Events -------------------------------------------------------------------------------------------------


@require_GET
@cache_public_page
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past dialogues, network meetings and webinars."""
    context = {
        "upcoming": queries.upcoming_events(),
        "past": queries.past_events(),
        "can_create": bool(organising_actors(request.user)),
    }
    return render(request, "dialogues/event_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Create an event for one of the organisations the user edits for."""
    organisers = organising_actors(request.user)
    if not organisers:
        raise PermissionDenied
    form = EventForm(request.POST if request.method == "POST" else None, organisers=organisers)
    if form.is_bound and form.is_valid():
        organiser, values = form.cleaned_data["organiser"], form.values()

        def publish() -> str:
            return actions.create_event(user=request.user, organiser=organiser, **values).get_absolute_url()

        try:
            address, made = run_once(scope_of(request), form.once_key(), "dialogues.event", publish)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Dialogen är publicerad.") if made else ALREADY_SENT)
            return redirect(address)
    return render(request, "dialogues/event_form.html", {"form": form, "event": None}, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_managing(request.user, slug)
    organisers = [event.organiser] if event.organiser else []
    form = EventForm(request.POST if request.method == "POST" else None, organisers=organisers, event=event)
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        try:
            if save_or_stale(
                form, lambda: actions.update_event(event, user=request.user, expected_version=version, **values)
            ):
                messages.success(request, _("Dialogen är sparad."))
                return redirect(event)
        except Refused as refusal:
            form.add_error(None, refusal.message)
    return render(request, "dialogues/event_form.html", {"form": form, "event": event}, status=form_status(form))


@require_GET
@cache_public_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_page(request, permissions.get_event(slug))


@login_required
@require_POST
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event(slug)
    actors = permissions.supporting_actors(request.user)
    if not actors:
        raise PermissionDenied
    form = RegistrationForm(request.POST, actors=actors)
    if not form.is_valid():
        return _event_page(request, event, registration_form=form, status=400)
    outcome: list[Registration] = []

    def take_place() -> str:
        outcome.append(actions.register(event, user=request.user, actor=form.cleaned_data["actor"]))
        return event.get_absolute_url()

    try:
        address, made = run_once(scope_of(request), form.once_key(), "dialogues.registration", take_place)
    except Refused as refusal:
        return _event_page(request, event, registration_form=form, refusal=refusal.message, status=refusal.status)
    if not made:
        messages.info(request, ALREADY_SENT)
    elif outcome[0].status == Registration.Status.WAITLIST:
        messages.warning(
            request, _("Dialogen är fullbokad. Du hamnar på väntelistan och får besked om en plats blir ledig.")
        )
    else:
        messages.success(request, _("Du är anmäld."))
    return redirect(address)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = permissions.get_event(slug)
    registration = _active_registration(request.user, event)
    if registration is None:
        messages.info(request, _("Du var inte anmäld."))
        return redirect(event)
    actions.cancel_registration(registration, user=request.user)
    messages.success(request, _("Du är avanmäld."))
    return redirect(event)


# --- Sessions and quick capture -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def add_session(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_managing(request.user, slug)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        values = form.values()
        if not values["facilitator_name"]:
            values["facilitator"] = request.user

        def add() -> str:
            return actions.add_session(event, user=request.user, **values).get_absolute_url()

        try:
            address, made = run_once(scope_of(request), form.once_key(), "dialogues.session", add)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Passet är tillagt. Här antecknar du under passet.") if made else ALREADY_SENT)
            return redirect(address)
    return render(request, "dialogues/session_form.html", {"form": form, "event": event}, status=form_status(form))


@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A session's notes, insights and proposals, newest first; for its facilitator, the quick capture form."""
    if request.method == "GET" and not request.user.is_authenticated:
        return _public_session(request, slug, pk)
    event = permissions.get_event(slug)
    session = permissions.get_session(event, pk)
    can_capture = permissions.can_capture(request.user, session)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        if not can_capture:
            raise PermissionDenied
        form = CaptureForm(request.POST)
        if form.is_valid():
            try:
                address, made = run_once(
                    scope_of(request), form.once_key(), "dialogues.capture", lambda: _capture(request, session, form)
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                if not made:  # a double tap: the first one was saved, this one shows it
                    messages.info(request, ALREADY_SENT)
                return redirect(address)
        return _session_page(request, session, form=form, status=400)
    # A session that is no longer current takes no new notes (actions.capture_note refuses them too).
    offer = can_capture and session.retired_at is None
    return _session_page(request, session, form=CaptureForm() if offer else None)


@cache_public_page
def _public_session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = permissions.get_event(slug)
    return _session_page(request, permissions.get_session(event, pk), form=None)


def _capture(request: HttpRequest, session: DialogueSession, form: CaptureForm) -> str:
    """Save what the facilitator wrote; the address to show it (the session's list of what was captured)."""
    data = form.cleaned_data
    if data["kind"] == PROPOSAL:
        actions.capture_proposal(
            session, user=request.user, title=form.proposal_title(), text=data["text"], theme=session.theme
        )
        messages.success(request, _("Förslaget är sparat."))
    else:
        actions.capture_note(session, user=request.user, kind=data["kind"], text=data["text"])
        if data["kind"] == Note.Kind.INSIGHT:
            messages.success(request, _("Insikten är sparad."))
        else:
            messages.success(request, _("Anteckningen är sparad."))
    return f"{session.get_absolute_url()}#fangat"


# --- Proposals ----------------------------------------------------------------------------------------------


@require_GET
@cache_public_page
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _proposal_page(request, permissions.get_proposal(pk))


@login_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = permissions.get_proposal(pk)
    actors = permissions.supporting_actors(request.user)
    if not actors:
        raise PermissionDenied
    form = SupportForm(request.POST, actors=actors)
    if not form.is_valid():
        return _proposal_page(request, proposal, support_form=form, status=400)

    def give_support() -> str:
        actions.support_proposal(proposal, user=request.user, actor=form.cleaned_data["actor"])
        return proposal.get_absolute_url()

    try:
        address, made = run_once(scope_of(request), form.once_key(), "dialogues.support", give_support)
    except Refused as refusal:
        return _proposal_page(request, proposal, support_form=form, refusal=refusal.message, status=refusal.status)
    messages.success(request, _("Ert stöd för förslaget är registrerat.") if made else ALREADY_SENT)
    return redirect(address)


@login_required
@require_POST
def create_followup(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = permissions.get_proposal(pk)
    if not permissions.can_create_followups(request.user, proposal):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _proposal_page(request, proposal, followup_form=form, status=400)
    values = form.values()

    def decide() -> str:
        return actions.create_followup(proposal, user=request.user, **values).get_absolute_url()

    try:
        address, made = run_once(scope_of(request), form.once_key(), "dialogues.followup", decide)
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return _proposal_page(request, proposal, followup_form=form, status=400)
    saved = _("Nästa steg är sparat. Den ansvariga organisationen har fått besked.")
    messages.success(request, saved if made else ALREADY_SENT)
    return redirect(address)


# --- The action register ------------------------------------------------------------------------------------


@require_GET
@cache_public_page
def action_list(request: HttpRequest) -> HttpResponse:
    """Every follow-up action of every dialogue, with filters; overdue ones are flagged in words."""
    form = ActionFilterForm(request.GET)
    page = Paginator(queries.open_actions(**form.selected()), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "dialogues/action_list.html", {"form": form, "page": page, "query": query.urlencode()})


@require_GET
@cache_public_page
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _followup_page(request, permissions.get_followup(pk))


@login_required
@require_POST
def update_followup(request: HttpRequest, pk: int) -> HttpResponse:
    followup = permissions.get_followup(pk)
    if not permissions.can_update_followup(request.user, followup):
        raise PermissionDenied
    form = FollowUpStatusForm(request.POST, version=followup.version)
    if not form.is_valid():
        return _followup_page(request, followup, form=form, status=400)
    values, version, done = form.values(), form.expected_version(), []

    def report() -> str:
        actions.update_followup(followup, user=request.user, expected_version=version, **values)
        return followup.get_absolute_url()

    try:
        # A double click adds one progress note; a status chosen on an old page is shown what changed meanwhile.
        if save_or_stale(
            form, lambda: done.append(run_once(scope_of(request), form.once_key(), "dialogues.progress", report))
        ):
            address, made = done[0]
            messages.success(request, _("Läget är uppdaterat.") if made else ALREADY_SENT)
            return redirect(address)
    except Refused as refusal:
        form.add_error(None, refusal.message)
    return _followup_page(request, followup, form=form, status=form_status(form))


@login_required
@require_POST
def take_on_followup(request: HttpRequest, pk: int) -> HttpResponse:
    """“Vi tar på oss det här”: one of the user's organisations becomes the owner of krokarm's proposed next step."""
    followup = permissions.get_followup(pk)
    actors = permissions.taking_on_actors(request.user)
    if not actors:
        raise PermissionDenied
    form = TakeOnForm(request.POST, actors=actors)
    if not form.is_valid():
        return _followup_page(request, followup, take_on_form=form, status=400)
    organisation, version = form.cleaned_data["actor"], form.expected_version()

    def take_on() -> str:
        actions.take_on_followup(followup, user=request.user, actor=organisation, expected_version=version)
        return followup.get_absolute_url()

    try:
        address, made = run_once(scope_of(request), form.once_key(), "dialogues.take_on", take_on)
    except Refused as refusal:  # taken first by someone else, changed meanwhile or no longer current
        followup = permissions.get_followup(pk)
        return _followup_page(request, followup, refusal=refusal.message, status=refusal.status)
    if made:
        done = _(
            "%(organisation)s har tagit på sig nästa steg. Era redaktörer följer det och kan rapportera läget här."
        )
        messages.success(request, done % {"organisation": organisation.name})
    else:
        messages.info(request, ALREADY_SENT)
    return redirect(address)


# --- Helpers ------------------------------------------------------------------------------------------------


def organising_actors(user: Any) -> list[Actor]:
    """The organisations `user` may organise events for: those where they are an editor or admin."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(Actor.objects.filter(kind__in=[Actor.Kind.REGION, Actor.Kind.AGENCY]).order_by("name"))
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & EDITING_ROLES]
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as to_login

    return to_login(request.get_full_path())


def _event_for_managing(user: Any, slug: str) -> Event:
    event = permissions.get_event(slug)
    if not permissions.can_manage_event(user, event):
        raise PermissionDenied
    return event


def _active_registration(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    registrations = Registration.objects.filter(event=event, user=user).exclude(status=Registration.Status.CANCELLED)
    return registrations.select_related("actor").first()


def _event_page(
    request: HttpRequest,
    event: Event,
    *,
    registration_form: RegistrationForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    registration = _active_registration(user, event)
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("actor")
        .order_by("actor__name")
    )
    organisations = list({r.actor.pk: r.actor for r in registrations}.values())
    current = event.retired_at is None
    actors = permissions.supporting_actors(user) if user.is_authenticated and registration is None else []
    full = event.capacity is not None and len(registrations) >= event.capacity
    context: dict[str, Any] = {
        "event": event,
        "invited": event.invited.order_by("name"),
        "agenda": agenda_items(event.agenda),
        # Sessions, proposals and next steps that are no longer current are shown too, marked as such.
        "summary": queries.event_summary(event, include_retired=True),
        "registration": registration,
        "registered_organisations": organisations,
        "registered_count": len(registrations),
        "full": full,
        "registration_form": registration_form
        or (RegistrationForm(actors=actors) if actors and current and event.registration_open else None),
        "refusal": refusal,
        "can_manage": permissions.can_manage_event(user, event),
    }
    return render(request, "dialogues/event_detail.html", context, status=status)


def agenda_items(agenda: str) -> list[tuple[str, str]]:
    """The agenda's lines as (time, heading); a line without a leading time has an empty time."""
    items = []
    for line in agenda.splitlines():
        line = line.strip()
        if not line:
            continue
        head, _sep, rest = line.partition(" ")
        if len(head) in (4, 5) and ":" in head and head.replace(":", "").isdigit():
            items.append((head, rest.strip()))
        else:
            items.append(("", line))
    return items


def _session_page(
    request: HttpRequest, session: DialogueSession, *, form: CaptureForm | None, status: int = 200
) -> HttpResponse:
    notes = list(session.notes.order_by("-created_at", "-pk"))
    # Proposals that are no longer current are listed too, marked as such (their comments are kept).
    proposals = list(Proposal.all_objects.filter(session=session).order_by("-created_at", "-pk"))
    captured: list[tuple[str, Any]] = sorted(
        [("note", note) for note in notes] + [("proposal", proposal) for proposal in proposals],
        key=lambda item: (item[1].created_at, item[1].pk),
        reverse=True,
    )
    context = {
        "event": session.event,
        "session": session,
        "captured": captured,
        "notes": notes,
        "proposals": proposals,
        "form": form,
    }
    return render(request, "dialogues/session_detail.html", context, status=status)


def _proposal_page(
    request: HttpRequest,
    proposal: Proposal,
    *,
    support_form: SupportForm | None = None,
    followup_form: FollowUpForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    supports = list(proposal.supports.select_related("actor").order_by("actor__name"))
    supported = {support.actor_id for support in supports}
    actors = [a for a in permissions.supporting_actors(user) if a.pk not in supported] if user.is_authenticated else []
    current = proposal.retired_at is None
    can_create = current and permissions.can_create_followups(user, proposal)
    followups = FollowUp.all_objects.filter(proposal=proposal).select_related("owner").order_by("due_on", "pk")
    context: dict[str, Any] = {
        "proposal": proposal,
        "session": proposal.session,
        "event": proposal.session.event,
        "supports": supports,
        "followups": list(followups),
        "support_form": support_form or (SupportForm(actors=actors) if actors and current else None),
        "followup_form": followup_form or (FollowUpForm() if can_create else None),
        "refusal": refusal,
        "comment_count": comment_queries.counts_for([proposal]).get(proposal.pk, 0),
        "thread_url": entry_for(proposal).thread_url(proposal),
    }
    return render(request, "dialogues/proposal_detail.html", context, status=status)


def _followup_page(
    request: HttpRequest,
    followup: FollowUp,
    *,
    form: FollowUpStatusForm | None = None,
    take_on_form: TakeOnForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    can_update = followup.retired_at is None and permissions.can_update_followup(request.user, followup)
    if form is None and can_update:
        form = FollowUpStatusForm(initial={"status": followup.status}, version=followup.version)
    free = permissions.can_take_on(followup)
    if take_on_form is None and free and request.user.is_authenticated:
        actors = permissions.taking_on_actors(request.user)
        take_on_form = TakeOnForm(actors=actors, version=followup.version) if actors else None
    context: dict[str, Any] = {
        "followup": followup,
        "proposal": followup.proposal,
        "event": followup.proposal.session.event,
        "progress": list(followup.progress.select_related("user").order_by("-created_at", "-pk")),
        "form": form,
        "take_on_form": take_on_form if free else None,
        "free": free,
        "refusal": refusal,
    }
    return render(request, "dialogues/followup_detail.html", context, status=status)
