"""The search page: one box across everything public on krokarm, results grouped by type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from krokarm.search import queries
from krokarm.search.engine import Results
from krokarm.search.forms import SearchForm
from krokarm.search.registry import KINDS
from krokarm.search.snippets import Segment, highlight, snippet

PER_KIND = 3  # results per type on the "all types" page
PAGE_SIZE = 20


@dataclass(frozen=True)
class Shown:
    title: list[Segment]
    snippet: list[Segment]
    url: str
    kind: str


@dataclass(frozen=True)
class Section:
    kind: str
    label: Any
    count: int
    results: list[Shown]


class _Counted:
    """Lets Paginator page through a count without holding every hit."""

    def __init__(self, count: int) -> None:
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, item: slice) -> list[None]:
        return []


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    arguments = form.search_arguments()
    context: dict[str, Any] = {"form": form, "text": arguments["text"], "kinds": KINDS}
    if arguments["text"]:
        kind = arguments["kind"]
        page = None
        if kind:
            number = _page_number(request.GET.get("sida"))
            results = _run(arguments, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
            page = Paginator(cast(Any, _Counted(results.by_kind.get(kind, 0))), PAGE_SIZE).get_page(number)
            if page.number != number:  # past the last page: show the last one
                results = _run(arguments, offset=(page.number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        else:
            results = _run(arguments, per_kind=PER_KIND)
        entries = queries.entries_for(results.hits)
        sections: dict[str, list[Shown]] = {}
        for hit in results.hits:
            entry = entries.get(hit.entry_id)
            if entry is not None:
                sections.setdefault(hit.kind, []).append(
                    Shown(highlight(entry.title, results.keys), snippet(entry.text, results.keys), entry.url, hit.kind)
                )
        context["sections"] = [
            Section(k, label, results.by_kind[k], sections.get(k, []))
            for k, label in KINDS.items()
            if k in results.by_kind
        ]
        context["total"] = sum(results.by_kind.values())
        context["facets"] = [(k, label, results.by_kind.get(k, 0)) for k, label in KINDS.items()]
        context["kind"] = kind
        context["kind_label"] = KINDS.get(kind, "")
        context["kind_count"] = results.by_kind.get(kind, 0) if kind else context["total"]
        context["page"] = page
        query = request.GET.copy()
        query.pop("sida", None)
        context["query"] = query.urlencode()
        without_kind = query.copy()
        without_kind.pop("typ", None)
        context["query_without_kind"] = without_kind.urlencode()
    return render(request, "search/search.html", context)


def _run(arguments: dict[str, str], **extra: int) -> Results:
    results, _terms = queries.run(
        arguments["text"], kind=arguments["kind"], region=arguments["region"], theme=arguments["theme"], **extra
    )
    return results


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10_000 else 1
