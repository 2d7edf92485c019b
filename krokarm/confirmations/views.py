"""The confirm pages: an organisation's items with a "Stämmer" button each, and the coordinators' overview of
organisations whose data is stale. Every view starts with its permissions helper."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from krokarm.confirmations import actions, permissions, queries


@never_cache
@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """For coordinators: the organisations with data not checked or confirmed for over a year, stalest first."""
    permissions.ensure_can_view_overview(request.user)
    context = {"summaries": queries.stale_organisations()}
    return render(request, "confirmations/overview.html", context)


@never_cache
@login_required
@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything the organisation confirms, the stale first, with a button per item for those who may."""
    actor = permissions.get_organisation_for_viewing(request.user, slug)
    today = timezone.localdate()
    items = queries.items_of([actor.pk], today)[actor.pk]
    for item in items:
        item.can_confirm = permissions.can_confirm(request.user, item.obj, actor)  # type: ignore[attr-defined]
    context = {
        "actor": actor,
        "items": items,
        "stale_count": sum(1 for item in items if item.stale),
        "can_edit": permissions.can_edit_organisation(request.user, actor),
    }
    return render(request, "confirmations/organisation.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    actor = permissions.get_organisation_for_viewing(request.user, slug)
    item = permissions.get_item_for_confirming(request.user, actor, kind, pk)
    actions.confirm(request.user, item.obj, actor)
    messages.success(request, _("Tack – %(item)s är bekräftad.") % {"item": item.name})
    return redirect("confirmations:organisation", slug=actor.slug)
