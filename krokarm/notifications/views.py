from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.notifications import actions, permissions, queries
from krokarm.notifications.forms import DigestForm
from krokarm.outbox import queries as outbox_queries


@require_POST
def follow(request: HttpRequest, name: str, key: str) -> HttpResponse:
    """Follow an object; back to the page the button was on."""
    if not request.user.is_authenticated:
        return redirect_to_login(_next(request) or reverse("home:start"))
    entry, target = permissions.get_followable(request.user, name, key)
    actions.follow(request.user, target)
    messages.success(request, _("Du följer nu %(label)s.") % {"label": entry.label(target)})
    return redirect(_next(request) or entry.url(target))


@require_POST
def unfollow(request: HttpRequest, name: str, key: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(_next(request) or reverse("home:start"))
    entry, target = permissions.get_followable(request.user, name, key)
    actions.unfollow(request.user, target)
    messages.success(request, _("Du följer inte längre %(label)s.") % {"label": entry.label(target)})
    return redirect(_next(request) or entry.url(target))


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications, newest first, unread ones marked."""
    page = Paginator(queries.notifications_for(request.user), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "notifications/list.html", {"page": page, "query": ""})


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = permissions.get_notification(request.user, pk)
    actions.mark_read(notification)
    return redirect(_next(request) or reverse("notifications:list"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(request.user)
    messages.success(request, _("Alla aviseringar är markerade som lästa."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """How often the user gets their unread notifications by e-mail."""
    initial = {"digest_frequency": actions.digest_frequency(request.user)}
    form = DigestForm(request.POST if request.method == "POST" else None, initial=initial, auto_id="avisering-%s")
    if request.method == "POST" and form.is_valid():
        actions.set_digest_frequency(request.user, form.cleaned_data["digest_frequency"])
        messages.success(request, _("Dina inställningar är sparade."))
        return redirect("notifications:settings")
    context: dict[str, Any] = {"form": form}
    return render(request, "notifications/settings.html", context, status=400 if form.is_bound else 200)


@login_required
@require_GET
def failed_mail(request: HttpRequest) -> HttpResponse:
    """Coordinators: the e-mail the worker gave up on, to send again, and how much is waiting to be sent."""
    permissions.ensure_can_resend_mail(request.user)
    page = Paginator(outbox_queries.failed(), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {"page": page, "counts": outbox_queries.counts(), "max_attempts": settings.EMAIL_MAX_ATTEMPTS}
    return render(request, "notifications/failed_mail.html", context)


@login_required
@require_POST
def resend_mail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.ensure_can_resend_mail(request.user)
    message = permissions.get_message(pk)
    if actions.resend_failed_mail(message, user=request.user):
        messages.success(request, _("Meddelandet skickas igen. Det försvinner från listan när det har gått iväg."))
    else:
        messages.info(request, _("Meddelandet hade redan skickats igen."))
    return redirect("notifications:failed-mail")


def _next(request: HttpRequest) -> str:
    """The page to go back to, if it is on this site (never an open redirect)."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else ""
