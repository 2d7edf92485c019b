from __future__ import annotations

import io
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.actors.models import Actor
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.challenges import actions, permissions, queries
from krokarm.challenges.actions import ChallengeRefused
from krokarm.challenges.forms import (
    ApproachForm,
    ChallengeFilterForm,
    ChallengeForm,
    CompareForm,
    JoinForm,
    ParticipantForm,
    StatusForm,
)
from krokarm.challenges.models import Challenge
from krokarm.comments import queries as comment_queries
from krokarm.comments.registry import entry_for
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.idempotency.shortcuts import repeated_post
from krokarm.lib import csvsafe

# Said when a form that makes something arrives a second time with the same one-time key (a double click, a
# resent page): nothing was made twice, and the person is shown what the first sending made.
PROPOSED_TWICE = gettext_lazy("Utmaningen var redan föreslagen: formuläret skickades två gånger. Här är den.")
ADDED_TWICE = gettext_lazy("Organisationen var redan tillagd: formuläret skickades två gånger.")
JOINED_TWICE = gettext_lazy("Organisationen deltog redan: du skickade anmälan två gånger.")
APPROACH_SENT_TWICE = gettext_lazy("Arbetssättet var redan sparat: formuläret skickades två gånger.")


@require_GET
@cache_public_page
def challenge_list(request: HttpRequest) -> HttpResponse:
    """All challenges by title, with filters."""
    form = ChallengeFilterForm(request.GET)
    page = Paginator(queries.challenges(**form.selected()), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_propose": request.user.is_authenticated and permissions.can_propose(request.user),
    }
    return render(request, "challenges/challenge_list.html", context)


@require_GET
@cache_public_page
def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = permissions.get_challenge(slug)
    return _detail(request, challenge)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Propose a challenge; `?behov=<pk>` starts from one of the region's needs, prefilled."""
    leads = permissions.ensure_can_propose(request.user)
    if done := repeated_post(request, PROPOSED_TWICE):
        return done  # the need has become the challenge by now: show it instead of refusing the need
    need = permissions.get_need_for_challenge(request.user, request.GET.get("behov", ""))
    initial: dict[str, Any] = {"lead": leads[0].slug if len(leads) == 1 else ""}
    if need is not None:
        initial.update(
            lead=need.region.slug,
            title=need.title,
            description=need.description,
            kind=Challenge.Kind.PLACE_BASED,
            themes=[theme.slug for theme in need.themes.all()],
        )
    form = ChallengeForm(request.POST if request.method == "POST" else None, leads=leads, initial=initial)
    status = 400 if form.is_bound else 200
    if form.is_bound and form.is_valid():
        lead, values = form.cleaned_data["lead"], form.values()

        def propose() -> str:
            challenge = actions.propose_challenge(user=request.user, lead=lead, from_need=need, **values)
            return challenge.get_absolute_url()

        try:
            address, made = run_once(scope_of(request), form.once_key(), "challenges.challenge", propose)
        except ChallengeRefused as refusal:  # e.g. the need became a challenge meanwhile: the text is kept
            form.add_error(None, refusal.message)
            status = refusal.status
        else:
            if made:
                messages.success(request, _("Utmaningen är föreslagen. Bjud in fler organisationer att delta."))
            else:
                messages.info(request, PROPOSED_TWICE)
            return redirect(address)
    context = {"form": form, "challenge": None, "need": need}
    return render(request, "challenges/challenge_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = permissions.get_challenge_for_managing(request.user, slug)
    form = ChallengeForm(request.POST if request.method == "POST" else None, leads=[], challenge=challenge)
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        save = lambda: actions.update_challenge(challenge, user=request.user, expected_version=version, **values)  # noqa: E731
        if save_or_stale(form, save):
            messages.success(request, _("Utmaningen är sparad."))
            return redirect(challenge)
    context = {"form": form, "challenge": challenge, "need": None}
    return render(request, "challenges/challenge_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = permissions.get_challenge_for_managing(request.user, slug)
    data = request.POST if request.method == "POST" else None
    # The choice is checked against the status the person saw; the action tells them if it has moved since.
    seen = str(data.get("current", "")) if data is not None else ""
    allowed = actions.steps_from(seen if seen in Challenge.Status.values else challenge.status)
    form = StatusForm(data, allowed=allowed, current=challenge.status)
    if form.is_bound and form.is_valid():
        status, expected = form.cleaned_data["status"], form.expected_status()
        actions.change_status(challenge, user=request.user, status=status, expected_status=expected)
        messages.success(request, _("Utmaningens status är ändrad."))
        return redirect(challenge)
    context = {"form": form, "challenge": challenge, "lifecycle": _lifecycle(challenge)}
    return render(request, "challenges/status_form.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    """The lead's editors and coordinators add organisations and remove them."""
    challenge = permissions.get_challenge_for_managing(request.user, slug)
    if done := repeated_post(request, ADDED_TWICE):
        return done
    # The list offers organisations that do not take part yet; a sent form may name one that joined meanwhile,
    # and the action tells the person so (409) rather than the form calling it an invalid choice.
    taking_part = set(challenge.participants.values_list("actor_id", flat=True)) if request.method == "GET" else ()
    candidates = list(
        Actor.objects.exclude(kind__in=permissions.NOT_LEADING)
        .exclude(pk__in=taking_part)
        .order_by("name")
        .values_list("slug", "name")
    )
    form = ParticipantForm(request.POST if request.method == "POST" else None, actors=candidates)
    status = 400 if form.is_bound else 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        back = reverse("challenges:participants", args=[challenge.slug])

        def add() -> str:
            actions.add_participant(
                challenge, user=request.user, actor=data["actor"], role=data["role"], note=data["note"]
            )
            return back

        try:
            address, made = run_once(scope_of(request), form.once_key(), "challenges.participant", add)
        except ChallengeRefused as refusal:  # it joined meanwhile: the form keeps what was typed
            form.add_error(None, refusal.message)
            status = refusal.status
        else:
            if made:
                messages.success(request, _("%(actor)s deltar nu i utmaningen.") % {"actor": data["actor"].name})
            else:
                messages.info(request, ADDED_TWICE)
            return redirect(address)
    context = {"form": form, "challenge": challenge, "groups": queries.participants_by_role(challenge)}
    return render(request, "challenges/participants.html", context, status=status)


@login_required
@require_POST
def remove_participant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = permissions.get_challenge(slug)
    participant = permissions.get_participant_for_removing(request.user, challenge, pk)
    actions.remove_participant(participant, user=request.user)
    messages.success(request, _("%(actor)s deltar inte längre i utmaningen.") % {"actor": participant.actor.name})
    if permissions.can_manage(request.user, challenge):
        return redirect("challenges:participants", slug=challenge.slug)
    return redirect(challenge)


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's editor joins it as a contributor."""
    challenge = permissions.get_challenge(slug)
    if done := repeated_post(request, JOINED_TWICE):
        return done
    # Any organisation the person edits for: one that joined meanwhile is refused by the action (409), not the form.
    form = JoinForm(request.POST, actors=permissions.joinable_actors(request.user, challenge, set()))
    if not form.is_valid():
        return _detail(request, challenge, join_form=form, status=400)
    actor = form.cleaned_data["actor"]

    def join_it() -> str:
        actions.join_challenge(challenge, user=request.user, actor=actor)
        return challenge.get_absolute_url()

    address, made = run_once(scope_of(request), form.once_key(), "challenges.join", join_it)
    if made:
        messages.success(request, _("%(actor)s deltar nu i utmaningen och bidrar.") % {"actor": actor.name})
    else:
        messages.info(request, JOINED_TWICE)
    return redirect(address)


@login_required
@require_http_methods(["GET", "POST"])
def approach(request: HttpRequest, slug: str, region_slug: str) -> HttpResponse:
    """A region's editors write how their region works on the challenge."""
    challenge = permissions.get_challenge(slug)
    region = permissions.get_region_for_approach(request.user, region_slug)
    if done := repeated_post(request, APPROACH_SENT_TWICE):
        return done
    existing = challenge.approaches.filter(region=region).first()
    form = ApproachForm(request.POST if request.method == "POST" else None, approach=existing)
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        back = f"{challenge.get_absolute_url()}#arbetssatt-{region.slug}"

        def save() -> str:
            actions.save_approach(challenge, user=request.user, region=region, expected_version=version, **values)
            return back

        def first_save() -> tuple[str, bool]:  # the region's first approach: a double click saves it once
            return run_once(scope_of(request), once, "challenges.approach", save)

        once = form.once_key()
        if save_or_stale(form, save if existing is not None else first_save):
            messages.success(request, _("Regionens arbetssätt är sparat och syns i jämförelsen."))
            return redirect(back)
    context = {"form": form, "challenge": challenge, "region": region, "approach": existing}
    return render(request, "challenges/approach_form.html", context, status=form_status(form))


@require_GET
@cache_public_page
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """The regions' approaches side by side; the form picks which regions (default: all with an approach)."""
    challenge = permissions.get_challenge(slug)
    rows = queries.approaches(challenge)
    form = CompareForm(request.GET or None, regions=[a.region for a in rows])
    chosen = form.chosen() if form.is_bound else set()
    shown = [a for a in rows if not chosen or a.region.slug in chosen]
    context = {"challenge": challenge, "form": form, "approaches": shown, "total": len(rows)}
    return render(request, "challenges/compare.html", context, status=400 if form.errors else 200)


@require_GET
@cache_public_page
def export_csv(request: HttpRequest) -> HttpResponse:
    """All challenges as CSV, UTF-8 with a byte order mark so that Excel shows å, ä and ö."""
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer)
    writer.writerow(
        [
            "slug",
            "title",
            "goal",
            "kind",
            "status",
            "lead",
            "themes",
            "participants",
            "approach_regions",
            "source",
            "url",
        ]
    )
    for row in queries.export_rows():
        writer.writerow(
            [
                row["slug"],
                row["title"],
                row["goal"],
                row["kind"],
                row["status"],
                row["lead"],
                ";".join(row["themes"]),
                ";".join(f"{p['actor']}:{p['role']}" for p in row["participants"]),
                ";".join(row["approach_regions"]),
                row["source"],
                f"{settings.SITE_URL}/utmaningar/{row['slug']}/",
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="utmaningar.csv"'
    return response


@require_GET
@cache_public_page
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps({"challenges": queries.export_rows()}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="utmaningar.json"'
    return response


def _lifecycle(challenge: Challenge) -> list[dict[str, Any]]:
    index = actions.LIFECYCLE.index(Challenge.Status(challenge.status))
    return [
        {"label": status.label, "current": i == index, "done": i < index} for i, status in enumerate(actions.LIFECYCLE)
    ]


def _detail(
    request: HttpRequest, challenge: Challenge, *, join_form: JoinForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    groups = queries.participants_by_role(challenge)
    taking_part = {p.actor_id for _role, members in groups for p in members}
    rows = queries.approaches(challenge)
    with_approach = {a.region_id for a in rows}
    current = challenge.retired_at is None  # one that is no longer current is shown, not changed
    joinable = permissions.joinable_actors(user, challenge, taking_part) if current else []
    own_regions = permissions.own_regions(user) if current else []
    context: dict[str, Any] = {
        "challenge": challenge,
        "themes": challenge.themes.order_by("order", "name"),
        "outcomes": list(challenge.outcomes.all()),
        "groups": groups,
        "approaches": rows,
        "lifecycle": _lifecycle(challenge),
        "history": queries.history(challenge),
        "can_manage": current and permissions.can_manage(user, challenge),
        "join_form": join_form or (JoinForm(actors=joinable) if joinable else None),
        "regions_to_add": [r for r in own_regions if r.pk not in with_approach],
        "regions_to_edit": [r for r in own_regions if r.pk in with_approach],
        "comment_count": comment_queries.counts_for([challenge]).get(challenge.pk, 0),
        "thread_url": entry_for(challenge).thread_url(challenge),
    }
    return render(request, "challenges/challenge_detail.html", context, status=status)
