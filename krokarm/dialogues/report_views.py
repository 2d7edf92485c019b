"""The dialogue report: a printable page and the same content as a Word document (report.py builds both)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.dialogues import permissions, report


@require_GET
@cache_public_page
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's report, laid out to print (site.css hides the site's header, menu and footer on paper)."""
    event = permissions.get_event(slug)
    content = report.build_report(event)
    context = {"event": event, "report": content, "aftermath_text": report.aftermath_sentence(content.aftermath)}
    return render(request, "dialogues/report.html", context)


@require_GET
@cache_public_page
def report_docx(request: HttpRequest, slug: str) -> HttpResponse:
    """The same report as a .docx file to download and edit."""
    content = report.build_report(permissions.get_event(slug))
    response = HttpResponse(report.render_docx(content), content_type=report.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report.docx_filename(content)}"'
    return response
