from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.audit.cache import cache_public_page
from krokarm.wayin import permissions
from krokarm.wayin.forms import QuestionForm


@require_GET
@cache_public_page
def ask(request: HttpRequest) -> HttpResponse:
    """The question page; with a question in the address it shows the answer below the form."""
    permissions.ensure_can_ask(request.user)
    form = QuestionForm(request.GET if "q" in request.GET else None)
    answer = None
    if form.is_bound and form.is_valid():
        from krokarm.wayin.catalogue import get_router

        data = form.cleaned_data
        answer = get_router().route(data["q"], county_code=data["county"] or None, asker=data["asker"] or None)
    return render(request, "wayin/ask.html", {"form": form, "answer": answer})
