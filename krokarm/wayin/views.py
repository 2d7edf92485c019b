from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from krokarm.accounts.queries import receiving_slugs
from krokarm.audit.cache import cache_public_page
from krokarm.insights.actions import log_question
from krokarm.wayin import permissions
from krokarm.wayin.forms import QuestionForm


@require_GET
def ask(request: HttpRequest) -> HttpResponse:
    """The question page; with a question in the address it shows the answer below the form.

    A submitted question is logged for the insight dashboard and carries the "Fick du svar?" form,
    so that page is built every time. The empty page and the fragment wayin.js asks for as the user
    types (`partial=1`, not logged: it holds half-written questions) come from the page cache.
    """
    permissions.ensure_can_ask(request.user)
    if "q" in request.GET and request.GET.get("partial") != "1":
        return _answer(request, log=True)
    return _cached_answer(request)


@cache_public_page
def _cached_answer(request: HttpRequest) -> HttpResponse:
    return _answer(request, log=False)


def _answer(request: HttpRequest, *, log: bool) -> HttpResponse:
    form = QuestionForm(request.GET if "q" in request.GET else None)
    context: dict[str, object] = {"form": form, "answer": None, "partial": request.GET.get("partial") == "1"}
    if form.is_bound and form.is_valid():
        from krokarm.wayin.catalogue import get_router

        data = form.cleaned_data
        answer = get_router().route(data["q"], county_code=data["county"] or None, asker=data["asker"] or None)
        context["answer"] = answer
        # A question in English is answered in English, whatever the page's language.
        context["answer_language"] = "en" if answer.language == "en" else translation.get_language()
        context["answer_in_english"] = answer.language == "en" and translation.get_language() != "en"
        context["receiving"] = receiving_slugs(result.actor.slug or "" for result in answer.results)
        context["send_query"] = urlencode({"q": data["q"], "asker": data["asker"], "place": data["county"]})
        if log:
            context["asked"] = log_question(data["q"], answer, data["asker"], data["county"] or None)
    template = "wayin/_answer.html" if context["partial"] else "wayin/ask.html"
    return render(request, template, context)
