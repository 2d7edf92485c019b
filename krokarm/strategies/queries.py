"""Reads that the strategy pages, the region pages and (later) the API share, with fixed query counts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import CharField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from krokarm.actors.models import Actor, Theme
from krokarm.audit.models import AuditEntry
from krokarm.strategies import phases as phase_logic
from krokarm.strategies import review
from krokarm.strategies.models import Contribution, EntryPoint, Phase, Priority, Process, Strategy


def today() -> datetime.date:
    return timezone.localdate()


PHASE_LABEL = Phase._meta.label_lower


def with_last_update(phases: QuerySet[Phase]) -> QuerySet[Phase]:
    """`phases` annotated with `last_updated_at`: their newest audited change (by an editor, the admin, the API or
    a changed file in data/). Loading a phase from data/ the first time is not an update: it says nothing about
    whether a planned date held. Needed by `last_updated_on`, so every list that shows a phase's state uses it."""
    updates = (
        AuditEntry.objects.filter(
            target_type=PHASE_LABEL,
            target_id=Cast(OuterRef("pk"), output_field=CharField()),
            action__in=["phase.created", "phase.updated"],
        )
        .exclude(action="phase.created", source="seed")
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return phases.annotate(last_updated_at=Subquery(updates))


def last_updated_on(phase: Phase) -> datetime.date | None:
    """The day `phase` (read through `with_last_update`) was last updated, in Swedish time; None if never."""
    try:
        at: datetime.datetime | None = phase.last_updated_at  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError("read phases through queries.with_last_update to know their state") from None
    return timezone.localdate(at) if at else None


def phase_state(phase: Phase, on: datetime.date) -> str:
    """The phase's one state on `on` (phases.phase_state), for a phase read through `with_last_update`."""
    return phase_logic.phase_state(phase, on, last_updated_on(phase))


def last_changed() -> datetime.date | None:
    """The day anything public about the strategies last changed: a strategy, priority, process, phase or entry
    point (the newest public audit row about them, the first load from data/ included), in Swedish time."""
    labels = [m._meta.label_lower for m in (Strategy, Priority, Process, Phase, EntryPoint)]
    at = AuditEntry.objects.filter(target_type__in=labels, public=True).aggregate(at=Max("created_at"))["at"]
    return timezone.localdate(at) if at else None


@dataclass
class RegionStatus:
    """Where one region stands: its current strategy, its process, the current phase, the next review."""

    region: Actor
    strategy: Strategy | None
    process: Process | None
    phases: list[Phase]
    current: phase_logic.Current | None
    review: review.ReviewDue
    entry_points: list[EntryPoint] = field(default_factory=list)

    @property
    def current_phase(self) -> Phase | None:
        return self.current.phase if self.current else None  # type: ignore[return-value]

    @property
    def review_overdue_note(self) -> bool:
        """Show that no review is on record for a whole past term, unless a revision is under way."""
        return bool(self.review.term_without_review) and not (
            self.process and self.process.status == Process.Status.REVISION
        )


def _main_process(processes: Sequence[Process]) -> Process | None:
    # A revision under way says more about where the region stands than the implementation of the old strategy.
    revisions = [p for p in processes if p.status == Process.Status.REVISION]
    chosen = revisions or list(processes)
    return chosen[0] if chosen else None


def _status(
    region: Actor, strategies: Sequence[Strategy], processes: Sequence[Process], on: datetime.date
) -> RegionStatus:
    strategy = strategies[0] if strategies else None
    process = _main_process(processes)
    phases = phase_logic.ordered(process.phases.all()) if process else []
    last = (
        review.last_review_of(strategy.adopted_on, strategy.adopted_text, strategy.revised_on, strategy.revised_text)
        if strategy
        else None
    )
    return RegionStatus(
        region=region,
        strategy=strategy,
        process=process,
        phases=phases,
        current=phase_logic.current_phase(phases, on, last_updated_on),  # type: ignore[arg-type]
        review=review.review_due(last, on),
    )


def _regions() -> QuerySet[Actor]:
    return (
        Actor.objects.filter(kind=Actor.Kind.REGION)
        .select_related("county")
        .prefetch_related(
            Prefetch("strategies", queryset=Strategy.objects.filter(is_current=True), to_attr="current_strategies"),
            Prefetch(
                "strategy_processes",
                queryset=Process.objects.order_by("title").prefetch_related(
                    Prefetch("phases", queryset=with_last_update(Phase.objects.all()))
                ),
                to_attr="process_list",
            ),
        )
        .order_by("county__code", "name")
    )


def region_statuses(on: datetime.date | None = None) -> list[RegionStatus]:
    """Every region in länskod order (4 queries)."""
    on = on or today()
    return [_status(r, r.current_strategies, r.process_list, on) for r in _regions()]  # type: ignore[attr-defined]


def region_status(region: Actor, on: datetime.date | None = None) -> RegionStatus | None:
    """One region's status for its county page (3 queries); None when no strategy is on record."""
    found = _regions().filter(pk=region.pk).first()
    if found is None or not (found.current_strategies or found.process_list):  # type: ignore[attr-defined]
        return None
    return _status(found, found.current_strategies, found.process_list, on or today())  # type: ignore[attr-defined]


def region_strategy_page(region: Actor, on: datetime.date | None = None) -> RegionStatus:
    """Everything a region's strategy page shows (7 queries): priorities with areas, phases, entry points."""
    on = on or today()
    strategies = list(
        Strategy.objects.filter(region=region, is_current=True).prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.order_by("position").prefetch_related("national_areas"),
                to_attr="priority_list",
            )
        )
    )
    processes = list(
        Process.objects.filter(region=region)
        .order_by("title")
        .prefetch_related(
            Prefetch(
                "phases",
                queryset=with_last_update(Phase.objects.all()).prefetch_related(
                    Prefetch("entry_points", queryset=_entry_points_with_relations()),
                ),
            )
        )
    )
    status = _status(region, strategies, processes, on)
    status.entry_points = sorted(
        (e for p in status.phases for e in p.entry_points.all()), key=lambda e: (e.closes_on, e.pk)
    )
    return status


def _entry_points_with_relations(*, retired: bool = False) -> QuerySet[EntryPoint]:
    """Entry points with what their pages show; current ones only, unless `retired` (an entry point's own
    address still opens once data/ no longer holds it: contributions point at it)."""
    manager = EntryPoint.all_objects if retired else EntryPoint.objects
    return manager.select_related("phase__process__region").prefetch_related(
        Prefetch("invited", queryset=Actor.objects.order_by("name")),
        Prefetch("themes", queryset=Theme.objects.order_by("order")),
    )


def entry_points(
    state: str,
    *,
    on: datetime.date | None = None,
    theme: Theme | None = None,
    agency: Actor | None = None,
    region: Actor | None = None,
) -> QuerySet[EntryPoint]:
    """Entry points that are "open" (soonest deadline first), "upcoming" (soonest opening first),
    "closed" (latest first), "not_open" or "all" (both by deadline), optionally of `region`, about `theme`
    (or a topic inside it) and open to `agency`: invited by name, or open to every agency because nobody in
    particular is invited."""
    on = on or today()
    queryset = _entry_points_with_relations()
    if region is not None:
        queryset = queryset.filter(phase__process__region=region)
    if state == "all":
        queryset = queryset.order_by("closes_on", "pk")
    elif state == "not_open":
        queryset = queryset.filter(Q(opens_on__gt=on) | Q(closes_on__lt=on)).order_by("closes_on", "pk")
    elif state == "open":
        queryset = queryset.filter(opens_on__lte=on, closes_on__gte=on).order_by("closes_on", "pk")
    elif state == "upcoming":
        queryset = queryset.filter(opens_on__gt=on).order_by("opens_on", "pk")
    elif state == "closed":
        queryset = queryset.filter(closes_on__lt=on).order_by("-closes_on", "pk")
    else:
        raise ValueError(f"unknown state {state!r}")
    if theme is not None:
        ids = EntryPoint.objects.filter(Q(themes=theme) | Q(themes__parent=theme)).values("pk")
        queryset = queryset.filter(pk__in=ids)
    if agency is not None:
        ids = EntryPoint.objects.filter(Q(invited=agency) | Q(invited=None)).values("pk")
        queryset = queryset.filter(pk__in=ids)
    return queryset


def entry_point(pk: int, *, retired: bool = False) -> EntryPoint | None:
    """One current entry point; with `retired`, also one that no longer applies (for its own pages, which say so)."""
    return _entry_points_with_relations(retired=retired).filter(pk=pk).first()


def contributions(entry: EntryPoint, *, actor_ids: set[int] | None = None) -> list[Contribution]:
    """The contributions to `entry`, oldest first, with their organisation, people and attachments (2 queries);
    only those of `actor_ids` when given (an organisation's own)."""
    queryset = (
        Contribution.objects.filter(entry_point=entry)
        .select_related("actor", "author", "acknowledged_by")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    if actor_ids is not None:
        if not actor_ids:
            return []
        queryset = queryset.filter(actor_id__in=actor_ids)
    found = list(queryset)
    for contribution in found:
        contribution.entry_point = entry
    return found


def region_processes(region: Actor) -> list[Process]:
    """A region's processes with their phases and entry points (retired ones too), for its editing page
    (3 queries)."""
    return list(
        Process.objects.filter(region=region)
        .select_related("region")
        .order_by("title")
        .prefetch_related(
            Prefetch(
                "phases",
                queryset=with_last_update(Phase.objects.select_related("process")).prefetch_related(
                    # Retired ones too, marked: contributions may still wait for the region's answer.
                    Prefetch("entry_points", queryset=EntryPoint.all_objects.order_by("closes_on", "pk"))
                ),
            )
        )
    )


def region_phases(region: Actor) -> list[Phase]:
    """A region's phases in process and phase order (1 query), for choosing where an entry point belongs."""
    phases = Phase.objects.filter(process__region=region).select_related("process__region")
    by_process: dict[str, list[Phase]] = {}
    for phase in phases:
        by_process.setdefault(phase.process.title, []).append(phase)
    return [phase for title in sorted(by_process) for phase in phase_logic.ordered(by_process[title])]


def strategies(region: Actor | None = None) -> QuerySet[Strategy]:
    """Strategies with their region and priorities (with the national areas), by region (3 queries)."""
    queryset = Strategy.objects.select_related("region").prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority.objects.order_by("position", "pk").prefetch_related(
                Prefetch("national_areas", queryset=Theme.objects.order_by("order", "pk"))
            ),
        )
    )
    if region is not None:
        queryset = queryset.filter(region=region)
    return queryset.order_by("region__name", "-is_current", "name", "pk")


def processes(region: Actor | None = None, status: str = "") -> QuerySet[Process]:
    """Processes with their region, strategy and phases, by region (2 queries)."""
    queryset = Process.objects.select_related("region", "strategy").prefetch_related(
        Prefetch("phases", queryset=with_last_update(Phase.objects.all()))
    )
    if region is not None:
        queryset = queryset.filter(region=region)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("region__name", "title", "pk")
