from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from krokarm.actors.export import to_csv
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.insights import actions, chart, permissions, queries
from krokarm.insights.forms import DashboardFilterForm, FeedbackForm, ReviewFilterForm

# How far back the list of actors nobody can receive a case for counts the answers.
UNREACHABLE_DAYS = 90


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    """Stores the yes or no to "Fick du svar på din fråga?" on the question, then shows the thanks page."""
    permissions.ensure_can_give_feedback(request.user)
    form = FeedbackForm(request.POST)
    asked = None
    if form.is_valid():
        data = form.cleaned_data
        question = data["question"] or _log_once(request, form)
        asked = actions.record_feedback(question, data["helpful"])
    if asked is None:
        return render(request, "insights/feedback_invalid.html", status=400)
    # Redirect after POST: reloading the thanks page does not send the answer again.
    thanks = reverse("insights:feedback-thanks")
    return redirect(thanks if asked.helpful else f"{thanks}?svar=nej")


def _log_once(request: HttpRequest, form: FeedbackForm) -> uuid.UUID:
    """Log the question of an answer shown while typing, once per form: the form's one-time key names the
    question, so a double click logs one question and a later click on the other button changes its answer
    (the latest wins, as on a logged answer). Returns the question's public id."""
    data, key = form.cleaned_data, form.once_key()
    public_id = uuid.uuid5(uuid.NAMESPACE_URL, f"krokarm:feedback:{key}")

    def log() -> str:
        from krokarm.wayin.catalogue import get_router

        answer = get_router().route(data["q"], county_code=data["county"] or None, asker=data["asker"] or None)
        actions.log_question(data["q"], answer, data["asker"], data["county"] or None, public_id=public_id)
        return reverse("insights:feedback-thanks")

    run_once(scope_of(request), key, "insights.feedback", log)
    return public_id


@require_GET
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/feedback_thanks.html", {"unhelpful": request.GET.get("svar") == "nej"})


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """What people ask about, by topic, county, asker and month. Not page-cached: the log is not audited."""
    permissions.ensure_can_view_dashboard(request.user)
    form = DashboardFilterForm(request.GET)
    filters = form.selected()
    asked = queries.asked_in(filters)
    months = queries.counts_by_month(asked, filters.months)
    context = {
        "form": form,
        "filters": filters,
        "months": months,
        "total": sum(count for _month, count in months),
        "chart": chart.bar_chart(months),
        "topics": queries.counts_by_topic(asked, _("Inget ämne hittades")),
        "counties": queries.counts_by_county(asked, _("Inget län angivet")),
        "askers": queries.counts_by_asker(asked, _("Ingen uppgift")),
        "query": request.GET.urlencode(),
    }
    return render(request, "insights/dashboard.html", context)


@require_GET
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's counts as CSV, with the same filters."""
    permissions.ensure_can_view_dashboard(request.user)
    asked = queries.asked_in(DashboardFilterForm(request.GET).selected())
    # A byte-order mark so that Excel opens å, ä and ö correctly, like the directory's downloads.
    body = "\ufeff" + to_csv(queries.CSV_COLUMNS, queries.csv_rows(asked))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="krokarm-fragor.csv"'
    return response


@require_GET
@permissions.coordinator_required
def review(request: HttpRequest) -> HttpResponse:
    """Questions with negative feedback or low confidence, newest first, for improving the catalogue."""
    form = ReviewFilterForm(request.GET)
    page = Paginator(queries.needing_review(form.selected()), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "retention_days": actions.retention_days()}
    return render(request, "insights/review.html", context)


@require_GET
@permissions.coordinator_required
def unreachable(request: HttpRequest) -> HttpResponse:
    """The actors the way in offers that nobody can receive a case for, most often offered first, so that
    coordinators can invite someone there (accounts.permissions.can_manage_members lets them while an
    organisation has no administrator of its own, which none of these has: nobody works there)."""
    since = timezone.localdate() - timedelta(days=UNREACHABLE_DAYS)
    rows = queries.unreachable_actors(since)
    context = {"rows": rows, "days": UNREACHABLE_DAYS, "since": since}
    return render(request, "insights/unreachable.html", context)
