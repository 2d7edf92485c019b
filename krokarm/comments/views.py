from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from krokarm.actors.models import Actor
from krokarm.audit.cache import cache_public_page
from krokarm.comments import actions, permissions, queries, registry
from krokarm.comments.forms import CommentForm, ModerationForm, ReportForm
from krokarm.idempotency.actions import lookup, run_once, scope_of

DEFAULT_RATE = "10/m"
# Shown after a double click or a resent form: the first submission's result, nothing made twice.
ALREADY_SAVED = gettext_lazy("Det här var redan sparat: formuläret skickades två gånger.")


def _comment_rate(group: str, request: HttpRequest) -> str:
    """Comments and replies one user may write (django-ratelimit rate; settings.COMMENT_RATE)."""
    return str(getattr(settings, "COMMENT_RATE", DEFAULT_RATE))


write_limit = ratelimit(key="user_or_ip", rate=_comment_rate, method="POST", block=False, group="comments.write")


@require_GET
@cache_public_page
def thread(request: HttpRequest, name: str, key: str) -> HttpResponse:
    """The comments on one object, and the form to write one (or how to sign in first)."""
    entry, target = permissions.get_target(name, key)
    return _thread_page(request, entry, target)


@require_POST
@write_limit
def post(request: HttpRequest, name: str, key: str) -> HttpResponse:
    entry, target = permissions.get_target(name, key)
    if not permissions.can_comment(request.user):
        return redirect_to_login(entry.thread_url(target))
    form = CommentForm(request.POST, organisations=_organisations(request.user), auto_id="kommentar-%s")
    return _write(request, entry, target, form, lambda data: actions.post_comment(target, **data), "comments.post")


@require_POST
@write_limit
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = permissions.get_comment(pk)
    entry, target = registry.entry_for(comment.thread.target), comment.thread.target
    if not permissions.can_comment(request.user):
        return redirect_to_login(entry.thread_url(target))
    # A refused reply to a reply comes back in the form under the comment it belongs to.
    shown_under = comment.parent_id or comment.pk
    form = CommentForm(request.POST, organisations=_organisations(request.user), auto_id=f"svar-{shown_under}-%s")
    write = lambda data: actions.reply(comment, **data)  # noqa: E731
    return _write(request, entry, target, form, write, "comments.reply", reply_to=shown_under)


def _write(
    request: HttpRequest,
    entry: registry.Commentable,
    target: Any,
    form: CommentForm,
    write: Any,
    purpose: str,
    reply_to: int | None = None,
) -> HttpResponse:
    page = {"reply_to": reply_to, "form" if reply_to is None else "reply_form": form}
    if not form.is_valid():
        return _thread_page(request, entry, target, status=400, **page)
    scope, key = scope_of(request), form.once_key()
    written = lookup(scope, key)  # a double click shows the first one's comment, even past the rate limit
    if written is not None:
        messages.info(request, ALREADY_SAVED)
        return redirect(written.url)
    if getattr(request, "limited", False):
        form.add_error(None, _("Du har skrivit många kommentarer på kort tid. Vänta en stund och försök igen."))
        return _thread_page(request, entry, target, status=429, **page)
    data = {"user": request.user, "text": form.cleaned_data["text"], "organisation": form.cleaned_data["organisation"]}

    def publish() -> str:
        return f"{entry.thread_url(target)}#kommentar-{write(data).pk}"

    try:
        url, made = run_once(scope, key, purpose, publish)
    except actions.CommentRefused as refusal:
        form.add_error(None, refusal.message)
        return _thread_page(request, entry, target, status=refusal.status, **page)
    if made:
        messages.success(request, _("Din kommentar är publicerad."))
    else:
        messages.info(request, ALREADY_SAVED)
    return redirect(url)


@require_POST
def close(request: HttpRequest, name: str, key: str) -> HttpResponse:
    entry, target = permissions.get_target(name, key)
    if not request.user.is_authenticated:
        return redirect_to_login(entry.thread_url(target))
    permissions.ensure_can_close(request.user, target)
    try:
        actions.close_thread(target, user=request.user, organisation=permissions.acting_for(request.user, target))
    except actions.CommentRefused as refusal:  # closed a moment ago by someone else: show the thread as it is
        return _thread_page(request, entry, target, status=refusal.status, refusal=refusal.message)
    messages.success(request, _("Tråden är stängd för fler kommentarer."))
    return redirect(entry.thread_url(target))


@require_POST
def reopen(request: HttpRequest, name: str, key: str) -> HttpResponse:
    entry, target = permissions.get_target(name, key)
    if not request.user.is_authenticated:
        return redirect_to_login(entry.thread_url(target))
    permissions.ensure_can_close(request.user, target)
    try:
        actions.reopen_thread(target, user=request.user, organisation=permissions.acting_for(request.user, target))
    except actions.CommentRefused as refusal:
        return _thread_page(request, entry, target, status=refusal.status, refusal=refusal.message)
    messages.success(request, _("Tråden är öppen för kommentarer igen."))
    return redirect(entry.thread_url(target))


@require_GET
def comment_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment's lasting address: its place in its thread."""
    comment = permissions.get_comment(pk)
    target = comment.thread.target
    return redirect(f"{registry.entry_for(target).thread_url(target)}#kommentar-{comment.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Any signed-in reader reports a comment to the coordinators, with a reason."""
    comment = permissions.get_comment(pk)
    target = comment.thread.target
    entry = registry.entry_for(target)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason, back = form.cleaned_data["reason"], f"{entry.thread_url(target)}#kommentar-{comment.pk}"

        def send() -> str:
            actions.report_comment(comment, user=request.user, reason=reason)
            return back

        url, made = run_once(scope_of(request), form.once_key(), "comments.report", send)
        thanks = _("Tack. En samordnare läser din anmälan och avgör om kommentaren ska döljas.")
        if made:
            messages.success(request, thanks)
        else:
            messages.info(request, ALREADY_SAVED)
        return redirect(url)
    context = {"comment": comment, "form": form, "thread_url": entry.thread_url(target), "label": entry.label(target)}
    return render(request, "comments/report.html", context, status=400 if form.is_bound else 200)


@login_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    """Coordinators: reported comments to hide or keep, and hidden comments to show again."""
    permissions.ensure_can_moderate(request.user)
    return _moderation_page(request)


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, actions.hide_comment, _("Kommentaren är dold."))


@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, actions.restore_comment, _("Kommentaren syns igen."))


def _moderate(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("comments:moderation"))
    permissions.ensure_can_moderate(request.user)
    comment = permissions.get_comment(pk)
    form = ModerationForm(request.POST, auto_id=f"skal-{pk}-%s")
    if not form.is_valid():
        return _moderation_page(request, failed=comment.pk, form=form, status=400)
    try:
        action(comment, user=request.user, reason=form.cleaned_data["reason"], expected_version=form.expected_version())
    except actions.ModerationRefused as refusal:  # another coordinator decided first: theirs stands, the reason stays
        context = {"failed": comment.pk, "form": form, "refusal": refusal.message}
        return _moderation_page(request, status=refusal.status, **context)
    messages.success(request, done)
    return redirect("comments:moderation")


def _moderation_page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    context |= {"reported": queries.reported_comments(), "hidden": queries.hidden_comments()}
    return render(request, "comments/moderation.html", context, status=status)


def _organisations(user: Any) -> list[Actor]:
    return list(Actor.objects.filter(affiliations__user=user).order_by("name")) if user.is_authenticated else []


def _thread_page(
    request: HttpRequest, entry: registry.Commentable, target: Any, *, status: int = 200, **forms: Any
) -> HttpResponse:
    thread_url = entry.thread_url(target)
    thread = queries.thread_for(target)
    organisations = _organisations(request.user)
    context = {
        "label": entry.label(target),
        "object_url": entry.url(target),
        "thread_url": thread_url,
        "entry_name": entry.name,
        "entry_key": entry.key(target),
        "thread": thread,
        "comments": queries.comments_in(thread),
        "can_comment": permissions.can_comment(request.user),
        "can_close": request.user.is_authenticated and permissions.can_close(request.user, target),
        # A commented object that is no longer current (retired reference data) keeps its thread, marked so.
        "retired": getattr(target, "retired_at", None) is not None,
        "organisations": organisations,
        "form": CommentForm(organisations=organisations, auto_id="kommentar-%s"),
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?next={quote(thread_url)}",
        **forms,
    }
    return render(request, "comments/thread.html", context, status=status)
