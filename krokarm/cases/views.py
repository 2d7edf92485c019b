from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from krokarm.cases import actions, permissions, queries
from krokarm.cases.forms import AcceptForm, AnswerForm, ForwardForm, SendForm
from krokarm.cases.models import Case, status_url
from krokarm.idempotency.actions import lookup, run_once, scope_of
from krokarm.lib.language import question_language
from krokarm.needs.queries import invited_needs
from krokarm.wayin.forms import MAX_QUESTION


def _send_rate(group: str, request: HttpRequest) -> str:
    return str(settings.CASE_SEND_RATE)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_send_rate, method="POST", block=False)
def send(request: HttpRequest) -> HttpResponse:
    """Send the question to one of the actors the way in found, as a case.

    A question written in English is answered in English whatever the page's language (krokarm.wayin.views), so
    sending it goes on in English too: the form, the receipt, the status page and every e-mail about the case."""
    data = request.POST if request.method == "POST" else request.GET
    language = "en" if question_language(data.get("q", "")[:MAX_QUESTION]) == "en" else get_language() or "sv"
    with translation.override(language):
        return _send(request, data, language)


def _send(request: HttpRequest, data: Any, language: str) -> HttpResponse:
    permissions.ensure_can_send(request.user)
    if request.method == "GET" and not data.get("q", "").strip():
        return redirect("wayin:ask")
    actors = queries.candidate_actors(data.get("q", ""), data.get("place"), data.get("asker"), data.get("actor"))
    unreachable = queries.unreachable(data.get("actor"), actors)
    if request.method == "GET":
        initial = {key: data.get(key, "") for key in ("q", "actor", "asker", "place")}
        return _send_page(request, SendForm(initial=initial, actors=actors), unreachable=unreachable)
    form = SendForm(request.POST, actors=actors)
    if form.is_robot:
        return _send_page(request, form, status=400, refused=True)
    scope, key = scope_of(request), form.once_key()
    # A double click is not a second question: it shows the first one's case, even past the rate limit.
    sent = lookup(scope, key)
    if sent is not None:
        return _already_sent(request, sent.url)
    if getattr(request, "limited", False):
        return _send_page(request, form, status=429, limited=True)
    if not form.is_valid():
        return _send_page(request, form, status=400, unreachable=unreachable)
    cleaned = form.cleaned_data
    county, municipality = queries.resolve_place(cleaned["place"])

    def submit() -> str:
        sent = actions.submit_case(
            question=cleaned["q"],
            actor=form.actors[cleaned["actor"]],
            asker=cleaned["asker"],
            county=county,
            municipality=municipality,
            email=cleaned["email"],
            language=language,
        )
        return sent.status_url + "?skickad=1"

    url, made = run_once(scope, key, "cases.send", submit)
    return redirect(url) if made else _already_sent(request, url)


def _already_sent(request: HttpRequest, url: str) -> HttpResponse:
    messages.info(request, _("Frågan var redan skickad: formuläret skickades två gånger. Här är ditt ärende."))
    return redirect(url)


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The asker's view of the case: who has it, what happened, the answer."""
    case = permissions.get_case_for_asker(token)
    events = case.events.select_related("actor", "to_actor")
    context = {"case": case, "events": events, "just_sent": "skickad" in request.GET, "status_url": status_url(token)}
    # A case asked in English is followed in English, as its e-mails are (the language button still wins).
    english = case.language == "en" and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
    with translation.override("en" if english else get_language()):
        response = render(request, "cases/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """One organisation's cases (a user of several chooses with ?org=), and "Skickade vidare": the cases it
    forwarded, with where each went and its status now."""
    permissions.ensure_has_inbox(request.user)
    organisations = queries.inbox_organisations(request.user)
    chosen = request.GET.get("org", "")
    organisation = next((o for o in organisations if o.slug == chosen), organisations[0] if organisations else None)
    show = request.GET.get("visa", "")
    if show == "vidare":
        rows: Any = queries.forwarded_by(organisation)
    else:
        rows = queries.inbox(organisation, show)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    keep = {"org": organisation.slug} if organisation and len(organisations) > 1 else {}
    context = {
        "page": page,
        "show": show,
        "organisation": organisation,
        "organisations": organisations,
        "org_query": urlencode(keep),
        "query": urlencode({**keep, **({"visa": show} if show else {})}),
        "invited_needs": invited_needs(request.user),
    }
    return render(request, "cases/inbox.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_staff(request.user, reference)
    return _detail(request, case)


# Accept, answer and forward: the action re-reads the case under a lock and refuses (actions.CaseError, 409) a
# step sent from a page that showed an older version of it, so two officers acting at once never both succeed;
# the refused officer sees the case as it is now, with what they wrote kept in the form.


@login_required
@require_POST
def accept(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_step(request.user, reference)
    form = AcceptForm(request.POST)
    form.is_valid()  # only the version, which may be missing: then the case's state alone decides
    try:
        _ensure_still_theirs(request, case)
        actions.accept_case(case, user=request.user, expected_version=form.expected_version())
    except actions.CaseError as refusal:
        return _refused(request, case, refusal)
    messages.success(request, _("Du har tagit emot ärendet. Skriv ditt svar nedan när du har det."))
    return redirect(case.staff_url)


@login_required
@require_POST
def answer(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_step(request.user, reference)
    form = AnswerForm(request.POST)
    try:
        _ensure_still_theirs(request, case)
        if not form.is_valid():
            return _detail(request, case, answer_form=form, status=400)
        text, version = form.cleaned_data["answer"], form.expected_version()
        actions.answer_case(case, user=request.user, answer=text, expected_version=version)
    except actions.CaseError as refusal:
        return _refused(request, case, refusal, answer_form=form)
    messages.success(request, _("Svaret är skickat. Frågeställaren ser det på sin ärendesida."))
    return redirect(case.staff_url)


@login_required
@require_POST
def forward(request: HttpRequest, reference: str) -> HttpResponse:
    case = permissions.get_case_for_step(request.user, reference)
    form = ForwardForm(request.POST, current=case.actor)
    try:
        _ensure_still_theirs(request, case)
        if not form.is_valid():
            return _detail(request, case, forward_form=form, status=400)
        data = form.cleaned_data
        case = actions.forward_case(
            case,
            user=request.user,
            to_actor=data["to_actor"],
            reason=data["reason"],
            expected_version=form.expected_version(),
        )
    except actions.CaseError as refusal:
        return _refused(request, case, refusal, forward_form=form)
    if permissions.can_handle(request.user, case):
        return redirect(case.staff_url)
    return redirect(reverse("cases:inbox") + f"?vidare={case.reference}")


def _ensure_still_theirs(request: HttpRequest, case: Case) -> None:
    """Refuse (CaseError) a step on a case that was forwarded away from the officer's actor a moment ago."""
    if not permissions.can_handle(request.user, case):
        raise actions.too_late(case)


@login_required
@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    """Coordinators: cases nobody has accepted in time, to get them to the right actor."""
    permissions.ensure_coordinator(request.user)
    page = Paginator(queries.overdue(), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "cases/overdue.html", {"page": page, "days": settings.CASE_ACCEPT_WORKING_DAYS})


def _send_page(request: HttpRequest, form: SendForm, status: int = 200, **extra: object) -> HttpResponse:
    context = {"form": form, "retention_days": settings.CASE_RETENTION_DAYS, **extra}
    return render(request, "cases/send.html", context, status=status)


def _refused(
    request: HttpRequest,
    case: Case,
    refusal: actions.CaseError,
    *,
    answer_form: AnswerForm | None = None,
    forward_form: ForwardForm | None = None,
) -> HttpResponse:
    """409: the case as it is now, why the step was refused, and what the officer wrote (in its form, carrying
    the current version so that sending it again acts on the case as it is now). An officer whose actor no
    longer holds the case gets the message and their text without the case."""
    case = Case.objects.select_related("actor", "county", "municipality").get(pk=case.pk)
    kept: list[AnswerForm | ForwardForm] = [form for form in (answer_form, forward_form) if form is not None]
    for form in kept:
        form.data = form.data.copy()
        form.data["version"] = str(case.version)
    if not permissions.can_handle(request.user, case):
        context = {"case": case, "message": refusal.message, "kept": kept}
        return render(request, "cases/refused.html", context, status=refusal.status)
    return _detail(
        request,
        case,
        answer_form=answer_form,
        forward_form=forward_form,
        status=refusal.status,
        refusal=refusal.message,
        kept=kept,
    )


def _detail(
    request: HttpRequest,
    case: Case,
    *,
    answer_form: AnswerForm | None = None,
    forward_form: ForwardForm | None = None,
    status: int = 200,
    refusal: str = "",
    kept: list[AnswerForm | ForwardForm] | None = None,
) -> HttpResponse:
    options = queries.forward_options(case, request.GET.get("sok", ""))
    forward_form = forward_form or ForwardForm(current=case.actor, version=case.version)
    forward_form.offer(options.suggestions, options.others, options.search)
    context = {
        "case": case,
        "events": case.events.select_related("actor", "to_actor", "user"),
        "accept_form": AcceptForm(version=case.version),
        "answer_form": answer_form or AnswerForm(version=case.version),
        "forward_form": forward_form,
        "options": options,
        "refusal": refusal,
        "kept": kept or [],
    }
    return render(request, "cases/detail.html", context, status=status)
