from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.audit.actions import Stale
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.comments import queries as comment_queries
from krokarm.comments.registry import entry_for
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.needs import actions, permissions, queries
from krokarm.needs.forms import AnswerForm, NeedFilterForm, NeedForm, ReplyForm
from krokarm.needs.models import Answer, Need

# Shown after a double click or a resent form: the first submission's result, nothing made twice.
ALREADY_SAVED = gettext_lazy("Det här var redan sparat: formuläret skickades två gånger.")


@require_GET
@cache_public_page
def need_list(request: HttpRequest) -> HttpResponse:
    """The open needs of all regions, newest first, with filters."""
    form = NeedFilterForm(request.GET)
    page = Paginator(queries.open_needs(**form.selected()), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    can_create = request.user.is_authenticated and bool(permissions.editable_regions(request.user))
    context = {"form": form, "page": page, "query": query.urlencode(), "can_create": can_create}
    return render(request, "needs/need_list.html", context)


@require_GET
@cache_public_page
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Anonymous visitors share one cached page: what they see depends on nothing but the need.
    need = permissions.get_need(pk)
    return _detail(request, need)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Publish a need for one of the regions the user edits for (`?region=<slug>` preselects it)."""
    chosen = request.GET.get("region", "")
    regions = permissions.ensure_can_create(request.user, chosen)
    data = request.POST if request.method == "POST" else None
    form = NeedForm(data, regions=regions, initial={"region": chosen or (regions[0].slug if len(regions) == 1 else "")})
    if form.is_bound and form.is_valid():
        region, values = form.cleaned_data["region"], form.values()

        def publish() -> str:
            return actions.create_need(region=region, user=request.user, **values).get_absolute_url()

        url, made = run_once(scope_of(request), form.once_key(), "needs.create", publish)
        messages.success(request, _("Behovet är publicerat.") if made else ALREADY_SAVED)
        return redirect(url)
    return render(request, "needs/need_form.html", {"form": form, "need": None}, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = permissions.get_need_for_managing(request.user, pk)
    form = NeedForm(request.POST if request.method == "POST" else None, regions=[need.region], need=need)
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        if save_or_stale(
            form, lambda: actions.update_need(need, user=request.user, expected_version=version, **values)
        ):
            messages.success(request, _("Behovet är sparat."))
            return redirect(need)
    return render(request, "needs/need_form.html", {"form": form, "need": need}, status=form_status(form))


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    need = permissions.get_need_for_managing(request.user, pk)
    try:
        actions.close_need(need, user=request.user)
    except actions.NeedRefused as refusal:  # someone closed it a moment ago: show the need as it is now
        return _detail(request, permissions.get_need(pk), refusal=refusal.message, status=refusal.status)
    messages.success(request, _("Behovet är stängt. Det tar inte emot fler svar."))
    return redirect(need)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    need = permissions.get_need(pk)
    actors = permissions.ensure_can_answer(request.user, need)
    form = AnswerForm(request.POST, actors=actors)
    if not form.is_valid():
        return _detail(request, need, answer_form=form, status=400)
    data = form.cleaned_data

    def send() -> str:
        answer = actions.answer_need(need, user=request.user, actor=data["actor"], kind=data["kind"], text=data["text"])
        return f"{need.get_absolute_url()}#svar-{answer.pk}"

    try:
        url, made = run_once(scope_of(request), form.once_key(), "needs.answer", send)
    except actions.NeedRefused as refusal:  # e.g. the need was closed while they wrote: the text stays in the form
        form.add_error(None, refusal.message)
        return _detail(request, permissions.get_need(pk), answer_form=form, status=refusal.status)
    messages.success(request, _("Ert svar är skickat. Regionen ser det på behovets sida.") if made else ALREADY_SAVED)
    return redirect(url)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    answer = permissions.get_answer_for_replying(request.user, pk, answer_pk)
    form = ReplyForm(request.POST, prefix=f"svar-{answer.pk}", version=answer.version)
    if form.is_valid():
        text, version = form.cleaned_data["reply"], form.expected_version()

        def save() -> str:
            actions.reply_to_answer(answer, user=request.user, text=text, expected_version=version)
            return f"{answer.need.get_absolute_url()}#svar-{answer.pk}"

        try:  # a double click shows the first reply; a reply another editor saved meanwhile is shown, yours kept
            url, made = run_once(scope_of(request), form.once_key(), "needs.reply", save)
        except Stale as stale:
            form.stale(stale.current_version, stale.changes)
        else:
            messages.success(request, _("Regionens svar är sparat.") if made else ALREADY_SAVED)
            return redirect(url)
    return _detail(request, answer.need, reply_form=(answer.pk, form), status=form_status(form))


def _detail(
    request: HttpRequest,
    need: Need,
    *,
    answer_form: AnswerForm | None = None,
    reply_form: tuple[int, ReplyForm] | None = None,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    user = request.user
    can_manage = permissions.can_manage(user, need)
    actors = permissions.answering_actors(user, need) if need.is_open else []
    answers = queries.answers_to(need)
    context: dict[str, Any] = {
        "need": need,
        "themes": need.themes.order_by("order", "name"),
        "invited": need.invited.order_by("name"),
        "answers": [(a, _reply_form(a, reply_form) if can_manage else None) for a in answers],
        "can_manage": can_manage,
        "show_authors": permissions.can_see_authors(user, need),
        "answer_form": answer_form or (AnswerForm(actors=actors) if actors else None),
        "comment_count": comment_queries.counts_for([need]).get(need.pk, 0),
        "thread_url": entry_for(need).thread_url(need),
        "refusal": refusal,
    }
    return render(request, "needs/need_detail.html", context, status=status)


def _reply_form(answer: Answer, bound: tuple[int, ReplyForm] | None) -> ReplyForm:
    if bound is not None and bound[0] == answer.pk:
        return bound[1]
    return ReplyForm(prefix=f"svar-{answer.pk}", initial={"reply": answer.reply}, version=answer.version)
