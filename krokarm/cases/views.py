from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from krokarm.cases import actions, permissions, queries
from krokarm.cases.forms import AnswerForm, ForwardForm, SendForm
from krokarm.cases.models import Case
from krokarm.needs.queries import invited_needs


def _send_rate(group: str, request: HttpRequest) -> str:
    return str(settings.CASE_SEND_RATE)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_send_rate, method="POST", block=False)
def send(request: HttpRequest) -> HttpResponse:
    """Send the question to one of the actors the way in found, as a case."""
    permissions.ensure_can_send(request.user)
    data = request.POST if request.method == "POST" else request.GET
    if request.method == "GET" and not data.get("q", "").strip():
        return redirect("wayin:ask")
    actors = queries.candidate_actors(data.get("q", ""), data.get("place"), data.get("asker"), data.get("actor"))
    if request.method == "GET":
        initial = {key: data.get(key, "") for key in ("q", "actor", "asker", "place")}
        return _send_page(request, SendForm(initial=initial, actors=actors))
    form = SendForm(request.POST, actors=actors)
    if form.is_robot:
        return _send_page(request, form, status=400, refused=True)
    if getattr(request, "limited", False):
        return _send_page(request, form, status=429, limited=True)
    if not form.is_valid():
        return _send_page(request, form, status=400)
    cleaned = form.cleaned_data
    county, municipality = queries.resolve_place(cleaned["place"])
    case = actions.submit_case(
        question=cleaned["q"],
        actor=form.actors[cleaned["actor"]],
        asker=cleaned["asker"],
        county=county,
        municipality=municipality,
        email=cleaned["email"],
        language=get_language() or "sv",
    )
    return redirect(case.get_absolute_url() + "?skickad=1")


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The asker's view of the case: who has it, what happened, the answer."""
    case = permissions.get_case_for_asker(token)
    events = case.events.select_related("actor", "to_actor")
    context = {"case": case, "events": events, "just_sent": "skickad" in request.GET}
    response = render(request, "cases/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    permissions.ensure_has_inbox(request.user)
    show = request.GET.get("visa", "")
    page = Paginator(queries.inbox(request.user, show), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {"page": page, "show": show, "query": urlencode({"visa": show}) if show else ""}
    context["invited_needs"] = invited_needs(request.user)
    return render(request, "cases/inbox.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_staff(request.user, reference)
    return _detail(request, case)


@login_required
@require_POST
def accept(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_staff(request.user, reference)
    if case.status != Case.Status.WAITING:
        return _detail(request, case, status=409)
    actions.accept_case(case, user=request.user)
    return redirect(case.staff_url)


@login_required
@require_POST
def answer(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_staff(request.user, reference)
    form = AnswerForm(request.POST)
    if not case.is_open:
        return _detail(request, case, status=409)
    if not form.is_valid():
        return _detail(request, case, answer_form=form, status=400)
    actions.answer_case(case, user=request.user, answer=form.cleaned_data["answer"])
    return redirect(case.staff_url)


@login_required
@require_POST
def forward(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_staff(request.user, reference)
    form = ForwardForm(request.POST, current=case.actor)
    if not case.is_open:
        return _detail(request, case, status=409)
    if not form.is_valid():
        return _detail(request, case, forward_form=form, status=400)
    data = form.cleaned_data
    case = actions.forward_case(case, user=request.user, to_actor=data["to_actor"], reason=data["reason"])
    if permissions.can_handle(request.user, case):
        return redirect(case.staff_url)
    return redirect(reverse("cases:inbox") + f"?vidare={case.reference}")


@login_required
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Coordinators: cases nobody has accepted in time, to get them to the right actor."""
    permissions.ensure_coordinator(request.user)
    page = Paginator(queries.overdue(), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "cases/overdue.html", {"page": page, "days": settings.CASE_ACCEPT_WORKING_DAYS})


def _send_page(request: HttpRequest, form: SendForm, status: int = 200, **extra: bool) -> HttpResponse:
    context = {"form": form, "retention_days": settings.CASE_RETENTION_DAYS, **extra}
    return render(request, "cases/send.html", context, status=status)


def _detail(
    request: HttpRequest,
    case: Case,
    *,
    answer_form: AnswerForm | None = None,
    forward_form: ForwardForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "case": case,
        "events": case.events.select_related("actor", "to_actor", "user"),
        "answer_form": answer_form or AnswerForm(),
        "forward_form": forward_form or ForwardForm(current=case.actor),
        "conflict": status == 409,
    }
    return render(request, "cases/detail.html", context, status=status)
