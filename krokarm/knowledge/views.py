"""The knowledge bank's pages: the list and an item (public), sharing and changing items (the owner's
editors), asking for an item shared on request, answering requests (the owner's inbox), telling of a reuse,
the file download and the open-data exports."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.audit.actions import Stale
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.comments import queries as comment_queries
from krokarm.comments.registry import entry_for
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.knowledge import actions, export, permissions, queries
from krokarm.knowledge.forms import AccessRequestForm, AnswerRequestForm, ItemFilterForm, ItemForm, ReuseForm
from krokarm.knowledge.models import AccessRequest, Item

# Said instead of the usual confirmation when the same form arrives twice (a double click, a resent page): the
# second submission shows what the first made, and nothing is made twice.
SHARED_TWICE = gettext_lazy("Kunskapen var redan delad: formuläret skickades två gånger.")
ASKED_TWICE = gettext_lazy("Förfrågan var redan skickad: formuläret skickades två gånger.")
TOLD_TWICE = gettext_lazy("Er berättelse var redan sparad: formuläret skickades två gånger.")
ANSWERED_TWICE = gettext_lazy("Svaret var redan skickat: formuläret skickades två gånger.")
CHANGED_BEFORE_DELETE = gettext_lazy(
    "Inget togs bort: någon annan ändrade kunskapen efter att du öppnade sidan. Se hur den ser ut nu och försök igen."
)


@require_GET
@cache_public_page
def item_list(request: HttpRequest) -> HttpResponse:
    """All shared knowledge, newest first, with filters."""
    form = ItemFilterForm(request.GET)
    page = Paginator(queries.items(**form.selected()), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    can_create = request.user.is_authenticated and bool(permissions.editable_owners(request.user))
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": can_create,
        "export_csv": reverse("knowledge:export-csv"),
        "export_json": reverse("knowledge:export-json"),
    }
    return render(request, "knowledge/item_list.html", context)


@require_GET
@cache_public_page
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Anonymous visitors share one cached page: they never see a link shared on request.
    return _detail(request, permissions.get_item(pk))


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    owners = permissions.ensure_can_create(request.user)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    initial = {"owner": owners[0].slug if len(owners) == 1 else ""}
    form = ItemForm(data, files, owners=owners, initial=initial)
    refused = False
    if form.is_bound and form.is_valid():
        owner, values = form.cleaned_data["owner"], form.values()

        def share() -> str:
            return actions.create_item(owner=owner, user=request.user, **values).get_absolute_url()

        try:
            url, made = run_once(scope_of(request), form.once_key(), "knowledge.item", share)
        except actions.KnowledgeRefused as refusal:
            form.add_error(None, forms.ValidationError(refusal.message, code=refusal.code))
            refused = True
        else:
            messages.success(request, _("Kunskapen är delad.") if made else SHARED_TWICE)
            return redirect(url)
    status = 409 if refused else form_status(form)
    return render(request, "knowledge/item_form.html", {"form": form, "item": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_item_for_managing(request.user, pk)
    if request.method == "GET":
        permissions.ensure_current(item)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ItemForm(data, files, owners=[item.owner], item=item)
    refused = False
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        save = lambda: actions.update_item(item, user=request.user, expected_version=version, **values)  # noqa: E731
        try:
            saved = save_or_stale(form, save)
        except actions.KnowledgeRefused as refusal:  # removed meanwhile: the form keeps what was typed
            form.add_error(None, forms.ValidationError(refusal.message, code=refusal.code))
            saved, refused = False, True
        if saved:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(item)
    status = 409 if refused else form_status(form)
    return render(request, "knowledge/item_form.html", {"form": form, "item": item}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_item_for_managing(request.user, pk)
    if request.method == "GET":
        permissions.ensure_current(item)
    else:
        version = request.POST.get("version", "")
        try:
            outcome = actions.delete_item(
                item, user=request.user, expected_version=int(version) if version.isdigit() else None
            )
        except Stale:
            messages.error(request, CHANGED_BEFORE_DELETE)
            return redirect(item)
        if outcome == "retired":
            done = _(
                "”%(title)s” är borttagen ur kunskapsbanken. Sidan finns kvar på samma adress, märkt som "
                "borttagen, så att länkar, kommentarer och berättelser om den inte försvinner."
            )
        else:
            done = _("”%(title)s” är borttagen ur kunskapsbanken.")
        messages.success(request, done % {"title": item.title})
        return redirect("knowledge:list")
    return render(request, "knowledge/item_delete.html", {"item": item})


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The item's file, always as a download and never sniffed; a file shared on request only to those
    who may open it (404 for others, so that its existence is not confirmed)."""
    item = permissions.get_item_for_opening(request.user, pk)
    try:
        handle = item.attachment.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("Filen finns inte.")) from missing
    response = FileResponse(
        handle, as_attachment=True, filename=item.attachment_name, content_type=item.attachment_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=600" if item.is_open else "private, no-store"
    return response


@login_required
@require_POST
def request_access(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_item(pk)
    actors = permissions.ensure_other_organisation(request.user, item)
    form = AccessRequestForm(request.POST, actors=actors)
    if not form.is_valid():
        return _detail(request, item, request_form=form, status=400)
    actor, message = form.cleaned_data["actor"], form.cleaned_data["message"]

    def ask() -> str:
        actions.request_access(item, user=request.user, actor=actor, message=message)
        return item.get_absolute_url()

    try:
        url, made = run_once(scope_of(request), form.once_key(), "knowledge.request", ask)
    except actions.KnowledgeRefused as refusal:  # the form keeps the message
        form.add_error(None, refusal.message)
        return _detail(request, item, request_form=form, status=409)
    done = _("Er förfrågan är skickad. Ni får en notis när organisationen har svarat.")
    messages.success(request, done if made else ASKED_TWICE)
    return redirect(url)


@login_required
@require_POST
def reuse(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_item(pk)
    actors = permissions.ensure_other_organisation(request.user, item)
    form = ReuseForm(request.POST, actors=actors)
    if not form.is_valid():
        return _detail(request, item, reuse_form=form, status=400)
    data = form.cleaned_data

    def tell() -> str:
        actions.record_reuse(
            item, user=request.user, actor=data["actor"], text=data["text"], reused_on=data["reused_on"]
        )
        return f"{item.get_absolute_url()}#aterbruk"

    try:
        url, made = run_once(scope_of(request), form.once_key(), "knowledge.reuse", tell)
    except actions.KnowledgeRefused as refusal:  # the form keeps the text
        form.add_error(None, refusal.message)
        return _detail(request, item, reuse_form=form, status=409)
    messages.success(request, _("Tack! Nu syns det att kunskapen har fungerat för er.") if made else TOLD_TWICE)
    return redirect(url)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Requests for the items of the organisations the user edits for, waiting ones first."""
    owners = permissions.inbox_owners(request.user)
    return _inbox(request, owners)


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_request_for_answering(request.user, pk)
    form = AnswerRequestForm(request.POST, prefix=f"svar-{found.pk}")
    owners = permissions.inbox_owners(request.user)
    if not form.is_valid():
        return _inbox(request, owners, form=form, status=400)
    grant, text = form.grant, form.cleaned_data["answer"]

    def send() -> str:
        actions.answer_request(found, user=request.user, grant=grant, answer=text)
        return found.get_absolute_url()

    try:
        url, made = run_once(scope_of(request), form.once_key(), "knowledge.answer", send)
    except actions.KnowledgeRefused as refusal:  # a colleague answered first: their answer stands, ours is shown
        return _inbox(request, owners, refused=(found.pk, refusal.message, text), status=409)
    if made:
        done = _("Förfrågan från %(actor)s är beviljad.") if grant else _("Förfrågan från %(actor)s är avslagen.")
        messages.success(request, done % {"actor": found.actor.name})
    else:
        messages.info(request, ANSWERED_TWICE)
    return redirect(url)


def _inbox(
    request: HttpRequest,
    owners: list[Any],
    *,
    form: AnswerRequestForm | None = None,
    refused: tuple[int, str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The inbox, with `form` (bound, with its errors) in place of its request's empty form, or, after a
    refused answer, the refusal and the answer that was not sent, so that nothing typed is lost."""
    rows: list[tuple[AccessRequest, AnswerRequestForm | None]] = []
    for found in queries.requests_of(owners):
        prefix = f"svar-{found.pk}"
        empty = form is None or form.prefix != prefix
        rows.append((found, (AnswerRequestForm(prefix=prefix) if empty else form) if found.is_waiting else None))
    context = {"owners": owners, "rows": rows, "refused": refused}
    return render(request, "knowledge/inbox.html", context, status=status)


@require_GET
@cache_public_page
def export_csv(request: HttpRequest) -> HttpResponse:
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    response = HttpResponse("\ufeff" + export.to_csv(export.rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krokarm-kunskap.csv"'
    return response


@require_GET
@cache_public_page
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.document(), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krokarm-kunskap.json"'
    return response


def _detail(
    request: HttpRequest,
    item: Item,
    *,
    request_form: AccessRequestForm | None = None,
    reuse_form: ReuseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    # A removed (retired) item's page stays for what points at it, but offers nothing more to do with it.
    current = item.is_current
    others = permissions.other_organisations(user, item) if user.is_authenticated else []
    mine = queries.requests_by(item, {a.pk for a in others}) if not item.is_open else []
    asked = {r.actor_id for r in mine if r.status != AccessRequest.Status.DECLINED}
    may_ask = [a for a in others if a.pk not in asked] if current else []
    reuses = queries.reuses_of(item)
    reused = {r.actor_id for r in reuses}
    may_reuse = [a for a in others if a.pk not in reused] if current else []
    can_open = permissions.can_open(user, item)
    context: dict[str, Any] = {
        "item": item,
        "themes": item.themes.order_by("order", "name"),
        "regions": item.regions.order_by("name"),
        "challenges": item.challenges.order_by("title"),
        "can_manage": current and permissions.can_manage(user, item),
        "can_open": can_open,
        "my_requests": mine,
        "request_form": request_form or (AccessRequestForm(actors=may_ask) if may_ask and not can_open else None),
        "reuses": reuses,
        "reuse_form": reuse_form or (ReuseForm(actors=may_reuse) if may_reuse else None),
        "comment_count": comment_queries.counts_for([item]).get(item.pk, 0),
        "thread_url": entry_for(item).thread_url(item),
        "list_url": reverse("knowledge:list"),
    }
    return render(request, "knowledge/item_detail.html", context, status=status)
