"""The whole audit log, for the platform's coordinators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.accounts.permissions import is_coordinator
from krokarm.audit import history, queries
from krokarm.audit.forms import LogFilterForm
from krokarm.lib import csvsafe

CSV_COLUMNS = [
    "tidpunkt",
    "händelse",
    "objekttyp",
    "objekt_id",
    "objekt",
    "ändringar",
    "användare",
    "organisation",
    "källa",
]


def _ensure_coordinator(user: Any) -> None:
    if not is_coordinator(user):
        raise PermissionDenied


@login_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    _ensure_coordinator(request.user)
    form = LogFilterForm(request.GET)
    entries = queries.log_entries(**form.selected())
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    lines = history.describe(list(page.object_list), show_users=True)
    context = {"form": form, "page": page, "lines": lines, "query": query.urlencode()}
    return render(request, "audit/log.html", context)


@login_required
@require_GET
def log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered rows as CSV, streamed: the whole log can be long."""
    _ensure_coordinator(request.user)
    entries = queries.log_entries(**LogFilterForm(request.GET).selected())
    response = StreamingHttpResponse(
        _csv_lines(entries.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="krokarm-logg.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(entries: Iterator[Any]) -> Iterator[str]:
    writer = csvsafe.writer(_Echo())
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for entry in entries:
        user = entry.user.get_full_name() or entry.user.username if entry.user else ""
        row = [
            entry.created_at.isoformat(),
            entry.action,
            entry.target_type,
            entry.target_id,
            entry.target_repr,
            queries.changes_as_json(entry.changes),
            user,
            entry.organisation.slug if entry.organisation else "",
            entry.source,
        ]
        yield writer.writerow(row)
