"""A region's editors manage their process: change a phase, add a phase, publish and change entry points.
Every page starts with permissions.get_…_for_managing (404 for an unknown region or row, 403 for anyone but
the region's editors)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from krokarm.strategies import actions, permissions, queries
from krokarm.strategies.forms import EntryPointForm, PhaseForm
from krokarm.strategies.models import Phase, Process


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
        actions.update_phase(phase, form.values(), user=request.user)
        messages.success(request, _("Fasen är sparad."))
        return redirect(_manage_url(slug))
    context = {"form": form, "region": phase.process.region, "phase": phase, "process": phase.process}
    return render(request, "strategies/phase_form.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def add_phase(request: HttpRequest, slug: str, process_pk: int) -> HttpResponse:
    region = permissions.get_region_for_managing(request.user, slug)
    process = Process.objects.select_related("region").filter(pk=process_pk, region=region).first()
    if process is None:
        raise Http404(_("Processen finns inte."))
    free = [(v, label) for v, label in Phase.Kind.choices if not process.phases.filter(kind=v).exists()]
    form = PhaseForm(request.POST if request.method == "POST" else None, free_kinds=free)
    if form.is_bound and form.is_valid():
        actions.add_phase(process, form.cleaned_data["kind"], form.values(), user=request.user)
        messages.success(request, _("Fasen är tillagd."))
        return redirect(_manage_url(slug))
    context = {"form": form, "region": region, "phase": None, "process": process}
    return render(request, "strategies/phase_form.html", context, status=400 if form.is_bound else 200)


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
    if form.is_bound and form.is_valid():
        entry = actions.create_entry_point(form.values(), user=request.user)
        messages.success(request, _("Ingången är publicerad. De som följer regionen får veta det."))
        return redirect(entry)
    context = {"form": form, "region": region, "entry": None}
    return render(request, "strategies/entry_point_form.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit_entry_point(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = permissions.get_entry_point_for_managing(request.user, slug, pk)
    region = permissions.region_of(entry)
    form = EntryPointForm(
        request.POST if request.method == "POST" else None, phases=queries.region_phases(region), entry=entry
    )
    if form.is_bound and form.is_valid():
        actions.update_entry_point(entry, form.values(), user=request.user)
        messages.success(request, _("Ingången är sparad."))
        return redirect(entry)
    context = {"form": form, "region": region, "entry": entry}
    return render(request, "strategies/entry_point_form.html", context, status=400 if form.is_bound else 200)
