"""A region's editors manage their process: change a phase, add a phase, publish and change entry points.
Every page starts with permissions.get_…_for_managing (404 for an unknown region or row, 403 for anyone but
the region's editors).

Nothing an editor writes is lost: a form sent twice (a double click) makes one phase or entry point and shows
it (one-time key), and a change saved meanwhile by someone else (or by the seed) is shown with the form, the
editor's input kept, answered 409 (versions)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from krokarm.audit.editing import form_status, save_or_stale
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.idempotency.shortcuts import repeated_submission
from krokarm.strategies import actions, permissions, queries
from krokarm.strategies.forms import EntryPointForm, PhaseForm
from krokarm.strategies.models import Phase, Process

PHASE_ADDED_TWICE = gettext_lazy(
    "Fasen var redan tillagd: formuläret skickades två gånger, men fasen finns bara en gång."
)
ENTRY_POINT_PUBLISHED_TWICE = gettext_lazy(
    "Ingången var redan publicerad: formuläret skickades två gånger, men ingången finns bara en gång."
)


def _manage_url(slug: str) -> str:
    return reverse("strategies:manage", args=[slug])


@login_required
@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The region's processes, phases and entry points, each with a link to change it."""
    region = permissions.get_region_for_managing(request.user, slug)
    processes = queries.region_processes(region)
    free = {p.pk: _free_kinds(p) for p in processes}
    context = {"region": region, "processes": [(p, bool(free[p.pk])) for p in processes], "today": queries.today()}
    return render(request, "strategies/manage.html", context)


def _free_kinds(process: Process) -> list[tuple[str, Any]]:
    taken = {phase.kind for phase in process.phases.all()}
    return [(value, label) for value, label in Phase.Kind.choices if value not in taken]


@login_required
@require_http_methods(["GET", "POST"])
def edit_phase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    phase = permissions.get_phase_for_managing(request.user, slug, pk)
    form = PhaseForm(request.POST if request.method == "POST" else None, phase=phase)
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        save = lambda: actions.update_phase(phase, values, user=request.user, expected_version=version)  # noqa: E731
        if save_or_stale(form, save):
            messages.success(request, _("Fasen är sparad."))
            return redirect(_manage_url(slug))
    context = {"form": form, "region": phase.process.region, "phase": phase, "process": phase.process}
    return render(request, "strategies/phase_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def add_phase(request: HttpRequest, slug: str, process_pk: int) -> HttpResponse:
    region = permissions.get_region_for_managing(request.user, slug)
    process = Process.objects.select_related("region").filter(pk=process_pk, region=region).first()
    if process is None:
        raise Http404(_("Processen finns inte."))
    free = [(v, label) for v, label in Phase.Kind.choices if not process.phases.filter(kind=v).exists()]
    form = PhaseForm(request.POST if request.method == "POST" else None, free_kinds=free)
    if form.is_bound and (already := repeated_submission(request, form, PHASE_ADDED_TWICE)):
        return already
    if form.is_bound and form.is_valid():
        kind, values = form.cleaned_data["kind"], form.values()

        def add() -> str:
            actions.add_phase(process, kind, values, user=request.user)
            return _manage_url(slug)

        url, made = run_once(scope_of(request), form.once_key(), "strategies.phase", add)
        if made:
            messages.success(request, _("Fasen är tillagd."))
        else:
            messages.info(request, PHASE_ADDED_TWICE)
        return redirect(url)
    context = {"form": form, "region": region, "phase": None, "process": process}
    return render(request, "strategies/phase_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def add_entry_point(request: HttpRequest, slug: str) -> HttpResponse:
    region = permissions.get_region_for_managing(request.user, slug)
    phases = queries.region_phases(region)
    if not phases:
        messages.error(request, _("Regionen har ingen process med faser än. Kontakta samordnarna."))
        return redirect(_manage_url(slug))
    initial = {"phase": request.GET.get("fas", "")}
    form = EntryPointForm(request.POST if request.method == "POST" else None, phases=phases, initial=initial)
    if form.is_bound and (already := repeated_submission(request, form, ENTRY_POINT_PUBLISHED_TWICE)):
        return already
    if form.is_bound and form.is_valid():
        values = form.values()

        def publish() -> str:
            return actions.create_entry_point(values, user=request.user).get_absolute_url()

        url, made = run_once(scope_of(request), form.once_key(), "strategies.entry_point", publish)
        if made:
            messages.success(request, _("Ingången är publicerad. De som följer regionen får veta det."))
        else:
            messages.info(request, ENTRY_POINT_PUBLISHED_TWICE)
        return redirect(url)
    context = {"form": form, "region": region, "entry": None}
    return render(request, "strategies/entry_point_form.html", context, status=form_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def edit_entry_point(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = permissions.get_entry_point_for_managing(request.user, slug, pk)
    region = permissions.region_of(entry)
    form = EntryPointForm(
        request.POST if request.method == "POST" else None, phases=queries.region_phases(region), entry=entry
    )
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        save = lambda: actions.update_entry_point(entry, values, user=request.user, expected_version=version)  # noqa: E731
        if save_or_stale(form, save):
            messages.success(request, _("Ingången är sparad."))
            return redirect(entry)
    context = {"form": form, "region": region, "entry": entry}
    return render(request, "strategies/entry_point_form.html", context, status=form_status(form))
