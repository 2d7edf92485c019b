"""Open data: the action register (every follow-up action of every dialogue) as CSV and JSON.

The same filters as the register page (forms.ActionFilterForm: agare, status, tema, dialog, forsenade), so a
filtered page can be downloaded as it is. Organisations only: no person's name or e-mail address. A next step that
krokarm proposes as an example has `reconstructed` true and the notice in `notice`; with no owner, `owner` is empty
and `owner_name` says that nobody has taken it on (issue 16)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.dialogues import queries
from krokarm.dialogues.forms import ActionFilterForm
from krokarm.dialogues.models import NO_OWNER_NOTICE, RECONSTRUCTED_NOTICE, FollowUp
from krokarm.lib import csvsafe

COLUMNS = [
    "id",
    "title",
    "description",
    "owner",
    "owner_name",
    "due_on",
    "status",
    "status_label",
    "overdue",
    "proposal",
    "proposal_title",
    "event",
    "event_title",
    "theme",
    "link",
    "url",
    "updated_at",
    "reconstructed",
    "notice",
]


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def action_row(followup: FollowUp) -> dict[str, Any]:
    """One action as plain data (slugs for references, so rows join with the other open data files)."""
    proposal = followup.proposal
    theme = proposal.theme
    return {
        "id": followup.pk,
        "title": followup.title,
        "description": followup.description,
        "owner": followup.owner.slug if followup.owner else "",
        "owner_name": followup.owner.name if followup.owner else str(NO_OWNER_NOTICE),
        "due_on": followup.due_on.isoformat(),
        "status": followup.status,
        "status_label": str(followup.get_status_display()),
        "overdue": followup.is_overdue,
        "proposal": proposal.pk,
        "proposal_title": proposal.title,
        "event": proposal.session.event.slug,
        "event_title": proposal.session.event.title,
        "theme": theme.slug if theme else "",
        "link": _absolute(followup.link),
        "url": _absolute(followup.get_absolute_url()),
        "updated_at": followup.updated_at.isoformat(),
        "reconstructed": followup.reconstructed,
        "notice": str(RECONSTRUCTED_NOTICE) if followup.reconstructed else "",
    }


def action_rows(params: Any) -> list[dict[str, Any]]:
    """The register's rows for the query string `params`, filtered like the page."""
    return [action_row(followup) for followup in queries.open_actions(**ActionFilterForm(params).selected())]


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV with a byte order mark first, so that Excel reads UTF-8 and shows å, ä and ö."""
    buffer = io.StringIO()
    writer = csvsafe.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **{key: "ja" if row[key] else "nej" for key in ("overdue", "reconstructed")}})
    return "\ufeff" + buffer.getvalue()


@require_GET
@cache_public_page
def actions_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(to_csv(action_rows(request.GET)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dialoger-atgarder.csv"'
    return response


@require_GET
@cache_public_page
def actions_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps({"actions": action_rows(request.GET)}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dialoger-atgarder.json"'
    return response
