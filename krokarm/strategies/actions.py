"""Writes to strategies, processes, phases, entry points and contributions. Every change leaves an audit row.

The seed command and the admin call `apply_strategy_data`; the pages and the API call the rest. Contributions
and acknowledgements are audited `public=False` (no public page shows them, so they leave the page cache
alone); phases and entry points are public. A new entry point and a changed phase tell the region's followers;
`remind_entry_point_deadlines` tells them (and the invited agencies' followers) seven days before the last day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.permissions import actor_ids
from krokarm.actors.actions import SyncSummary
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, delete_tracked, record, save_tracked
from krokarm.audit.models import AuditEntry
from krokarm.notifications.actions import notify_followers
from krokarm.strategies import reference_data as ref
from krokarm.strategies import uploads
from krokarm.strategies.models import (
    ACKNOWLEDGEMENT_LENGTH,
    CONTRIBUTION_LENGTH,
    INTEREST_LENGTH,
    MAX_ATTACHMENTS,
    Attachment,
    Contribution,
    EntryPoint,
    Phase,
    Priority,
    Process,
    Strategy,
)

SOURCE = "web"
REMIND_DAYS_BEFORE = 7
# Told to followers; stored in Swedish (notifications.actions.notify_followers). %(label)s is the region's name.
NEW_ENTRY_POINT = gettext_lazy("%(label)s vill att myndigheter bidrar: ”%(title)s”, sista dag %(day)s")
PHASE_CHANGED = gettext_lazy("%(label)s har ändrat fasen ”%(phase)s” i ”%(process)s”")
PHASE_ADDED = gettext_lazy("%(label)s har lagt till fasen ”%(phase)s” i ”%(process)s”")
DEADLINE_SOON = gettext_lazy("En vecka kvar: sista dag för ”%(title)s” (%(region)s) är %(day)s")

Progress = Callable[[str, int, int], None]


def apply_strategy_data(
    rows: list[ref.RegionStrategyRow], *, source: str = "seed", progress: Progress | None = None
) -> SyncSummary:
    """Make the database hold exactly the strategies, processes, phases and entry points in `rows`.

    The caller must have applied the actors' reference data first (regions, agencies and themes are
    looked up by slug). Rows are matched on natural keys: strategy slug; strategy + priority title;
    region + process title; process + phase kind; phase + entry point title. Priorities, phases and
    processes of a listed region that the files no longer hold are deleted. An entry point is deleted
    only if the seed created it and nobody has contributed to it, so that entry points a region
    publishes on the site, and agencies' answers, survive a re-seed. Strategies are never deleted
    (contributions will point at them); a region's other strategies stop being current.
    """
    summary = SyncSummary()
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        regions = {a.slug: a for a in Actor.objects.filter(kind=Actor.Kind.REGION)}
        strategies = {s.slug: s for s in Strategy.objects.select_related("region")}
        for done, row in enumerate(rows, start=1):
            region = regions[row.region]
            strategy = _sync_strategy(region, row.strategy, strategies, summary, source)
            _sync_priorities(region, strategy, row.strategy.priorities, summary, source)
            _sync_process(region, strategy, row.process, summary, source)
            report("strategies", done, len(rows))
    return summary


def _sync_strategy(
    region: Actor, row: ref.StrategyRow, strategies: dict[str, Strategy], summary: SyncSummary, source: str
) -> Strategy:
    strategy = strategies.get(row.slug) or Strategy(slug=row.slug)
    values = {
        "region": region,
        "name": row.name,
        "is_current": True,
        "adopted_on": row.adopted_on,
        "adopted_text": row.adopted_text,
        "revised_on": row.revised_on,
        "revised_text": row.revised_text,
        "decision_body": row.decision_body,
        "horizon": row.horizon,
        "url": row.url,
        "summary": row.summary,
        "unconfirmed": row.unconfirmed,
        "source_url": row.source_url,
    }
    created = strategy.pk is None
    summary.count(created, save_tracked(strategy, values, source=source, organisation=region))
    for other in Strategy.objects.filter(region=region, is_current=True).exclude(pk=strategy.pk):
        summary.count(False, save_tracked(other, {"is_current": False}, source=source, organisation=region))
    return strategy


def _sync_priorities(
    region: Actor, strategy: Strategy, rows: tuple[ref.PriorityRow, ...], summary: SyncSummary, source: str
) -> None:
    existing = {
        p.title: p
        for p in Priority.objects.filter(strategy=strategy)
        .select_related("strategy")
        .prefetch_related("national_areas")
    }
    for position, row in enumerate(rows):
        priority = existing.get(row.title) or Priority(strategy=strategy)
        values = {"title": row.title, "position": position, "source_url": row.source_url}
        created = priority.pk is None
        changes = save_tracked(
            priority, values, source=source, organisation=region, m2m={"national_areas": set(row.areas)}
        )
        summary.count(created, changes)
    titles = {row.title for row in rows}
    for title, priority in existing.items():
        if title not in titles:
            delete_tracked(priority, source=source, organisation=region)
            summary.deleted += 1


def _sync_process(
    region: Actor, strategy: Strategy, row: ref.ProcessRow | None, summary: SyncSummary, source: str
) -> None:
    existing = {p.title: p for p in Process.objects.filter(region=region).select_related("region", "strategy")}
    if row is not None:
        process = existing.get(row.title) or Process(region=region)
        values = {
            "title": row.title,
            "strategy": strategy,
            "status": row.status,
            "description": row.description,
            "source_url": row.source_url,
        }
        created = process.pk is None
        summary.count(created, save_tracked(process, values, source=source, organisation=region))
        _sync_phases(region, process, row.phases, summary, source)
    for title, process in existing.items():
        if row is None or title != row.title:
            delete_tracked(process, source=source, organisation=region)
            summary.deleted += 1


def _sync_phases(
    region: Actor, process: Process, rows: tuple[ref.PhaseRow, ...], summary: SyncSummary, source: str
) -> None:
    existing = {p.kind: p for p in Phase.objects.filter(process=process)}
    for row in rows:
        phase = existing.get(row.kind) or Phase(process=process)
        values = {
            "kind": row.kind,
            "starts_on": row.starts_on,
            "ends_on": row.ends_on,
            "planned": row.planned,
            "note": row.note,
            "source_url": row.source_url,
        }
        created = phase.pk is None
        summary.count(created, save_tracked(phase, values, source=source, organisation=region))
        _sync_entry_points(region, phase, row.entry_points, summary, source)
    kinds = {row.kind for row in rows}
    for kind, phase in existing.items():
        if kind not in kinds:
            delete_tracked(phase, source=source, organisation=region)
            summary.deleted += 1


def _sync_entry_points(
    region: Actor, phase: Phase, rows: tuple[ref.EntryPointRow, ...], summary: SyncSummary, source: str
) -> None:
    existing = {
        e.title: e
        for e in EntryPoint.objects.filter(phase=phase).prefetch_related("invited", "themes", "contributions")
    }
    for row in rows:
        entry = existing.get(row.title) or EntryPoint(phase=phase)
        values = {
            "kind": row.kind,
            "title": row.title,
            "description": row.description,
            "opens_on": row.opens_on,
            "closes_on": row.closes_on,
            "contact_name": row.contact_name,
            "contact_email": row.contact_email,
            "source_url": row.source_url,
        }
        created = entry.pk is None
        m2m = {"invited": set(row.invited), "themes": set(row.themes)}
        summary.count(created, save_tracked(entry, values, source=source, organisation=region, m2m=m2m))
    titles = {row.title for row in rows}
    gone = [e for title, e in existing.items() if title not in titles and not e.contributions.all()]
    if gone:
        seeded = set(
            AuditEntry.objects.filter(
                action="entrypoint.created", source=source, target_id__in=[str(e.pk) for e in gone]
            ).values_list("target_id", flat=True)
        )
        for entry in gone:
            if str(entry.pk) in seeded:
                delete_tracked(entry, source=source, organisation=region)
                summary.deleted += 1


class ContributionRefused(Exception):
    """The contribution cannot be taken; the message says why, in Swedish. `closed` is set when the entry point
    is not open (the pages answer 409 Conflict)."""

    def __init__(self, message: str, *, closed: bool = False) -> None:
        super().__init__(message)
        self.closed = closed


def _locked_open_entry_point(entry: EntryPoint, today: dt.date | None) -> EntryPoint:
    locked = EntryPoint.objects.select_for_update().select_related("phase__process__region").get(pk=entry.pk)
    day = today or timezone.localdate()
    if not locked.is_open_on(day):
        if day < locked.opens_on:
            message = _("Ingången har inte öppnat än. Den öppnar %(day)s.") % {"day": date_format(locked.opens_on)}
        else:
            message = _("Ingången stängde %(day)s och tar inte emot fler bidrag. Kontakta regionen direkt.") % {
                "day": date_format(locked.closes_on)
            }
        raise ContributionRefused(message, closed=True)
    return locked


def _check_actor(user: Any, actor: Actor, entry: EntryPoint) -> None:
    if actor.pk not in actor_ids(user):
        raise ContributionRefused(_("Du kan bara skicka för en organisation du arbetar för."))
    if actor.pk == entry.phase.process.region_id:
        raise ContributionRefused(_("Regionen kan inte bidra till sin egen ingång."))


def register_interest(
    entry: EntryPoint, *, user: Any, actor: Actor, text: str = "", today: dt.date | None = None, source: str = SOURCE
) -> Contribution:
    """`user` tells the region that `actor` wants to take part ("Anmäl intresse"), with an optional note.
    Refused (ContributionRefused) outside the window, for an organisation the user does not work for, for the
    region itself and for a note longer than INTEREST_LENGTH."""
    text = text.strip()
    if len(text) > INTEREST_LENGTH:
        raise ContributionRefused(_("Skriv högst %(limit)d tecken.") % {"limit": INTEREST_LENGTH})
    with transaction.atomic():
        entry = _locked_open_entry_point(entry, today)
        _check_actor(user, actor, entry)
        contribution = Contribution.objects.create(
            entry_point=entry, actor=actor, kind=Contribution.Kind.INTEREST, text=text, author=user
        )
        changes: Changes = {"kind": [None, contribution.kind], "text": [None, text]}
        record(
            "contribution.created",
            contribution,
            changes=changes,
            source=source,
            user=user,
            organisation=actor,
            public=False,
        )
        return contribution


def submit_contribution(
    entry: EntryPoint,
    *,
    user: Any,
    actor: Actor,
    text: str,
    files: Iterable[tuple[UploadedFile, uploads.Kind]] = (),
    today: dt.date | None = None,
    source: str = SOURCE,
) -> Contribution:
    """`user` sends `actor`'s contribution ("Skicka bidrag"): a text and files. The caller has checked each
    file with `uploads.check` (forms.ContributionForm does) and passes it with its kind. Refused
    (ContributionRefused) outside the window, for an organisation the user does not work for, for the region
    itself, for a text over CONTRIBUTION_LENGTH, more than MAX_ATTACHMENTS files, or nothing at all.
    Files are stored under MEDIA_ROOT with a random name; if the transaction fails they are removed again."""
    text, files = text.strip(), list(files)
    if len(text) > CONTRIBUTION_LENGTH:
        raise ContributionRefused(_("Skriv högst %(limit)d tecken.") % {"limit": CONTRIBUTION_LENGTH})
    if len(files) > MAX_ATTACHMENTS:
        raise ContributionRefused(_("Skicka högst %(max)d filer.") % {"max": MAX_ATTACHMENTS})
    if not text and not files:
        raise ContributionRefused(_("Skriv ert bidrag eller bifoga en fil."))
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            entry = _locked_open_entry_point(entry, today)
            _check_actor(user, actor, entry)
            contribution = Contribution.objects.create(
                entry_point=entry, actor=actor, kind=Contribution.Kind.CONTRIBUTION, text=text, author=user
            )
            for file, kind in files:
                attachment = Attachment(
                    contribution=contribution,
                    name=uploads.clean_name(file.name or ""),
                    size=file.size or 0,
                    content_type=kind.content_type,
                )
                attachment.file.save(f"{uuid.uuid4().hex}.{kind.extension}", file, save=False)
                stored.append(attachment)
            Attachment.objects.bulk_create(stored)
            changes: Changes = {
                "kind": [None, contribution.kind],
                "text": [None, text],
                "attachments": [[], [a.name for a in stored]],
            }
            record(
                "contribution.created",
                contribution,
                changes=changes,
                source=source,
                user=user,
                organisation=actor,
                public=False,
            )
            return contribution
    except BaseException:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def acknowledge_contribution(
    contribution: Contribution, *, user: Any, reply: str = "", source: str = SOURCE
) -> Contribution:
    """The region confirms it has received `contribution`, with an optional reply to the organisation. Again
    later, it changes the reply (the audit row keeps both); the first acknowledgement's time stays. The caller
    has checked that `user` is the region's staff (permissions.get_contribution_for_acknowledging)."""
    reply = reply.strip()
    if len(reply) > ACKNOWLEDGEMENT_LENGTH:
        raise ContributionRefused(_("Skriv högst %(limit)d tecken.") % {"limit": ACKNOWLEDGEMENT_LENGTH})
    with transaction.atomic():
        locked = (
            Contribution.objects.select_for_update()
            .select_related("entry_point__phase__process__region", "actor")
            .get(pk=contribution.pk)
        )
        changes: Changes = {}
        if locked.acknowledged_at is None:
            locked.acknowledged_at, locked.acknowledged_by = timezone.now(), user
            changes["acknowledged"] = [False, True]
        if reply != locked.acknowledgement:
            changes["acknowledgement"] = [locked.acknowledgement or None, reply or None]
            locked.acknowledgement = reply
        if changes:
            locked.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement"])
            record(
                "contribution.acknowledged",
                locked,
                changes=changes,
                source=source,
                user=user,
                organisation=locked.entry_point.phase.process.region,
                public=False,
            )
        return locked


# The region's editors manage their process (the caller has checked permissions.can_manage_region).


def update_phase(phase: Phase, values: dict[str, Any], *, user: Any, source: str = SOURCE) -> Changes:
    """Change a phase's dates, `planned` and note (keys of `values`), auditing exactly what changed, and tell
    the region's followers. Returns the changes (empty if none)."""
    with transaction.atomic():
        locked = Phase.objects.select_for_update().select_related("process__region").get(pk=phase.pk)
        region = locked.process.region
        changes = save_tracked(locked, values, source=source, user=user, organisation=region)
        if changes:
            params = {"phase": locked.get_kind_display(), "process": locked.process.title}
            notify_followers(
                region, PHASE_CHANGED, _region_url(region), exclude=user, params=params, also=_networks_of(region)
            )
        return changes


def add_phase(process: Process, kind: str, values: dict[str, Any], *, user: Any, source: str = SOURCE) -> Phase:
    """Add a phase of `kind` (one the process does not have yet) and tell the region's followers."""
    if kind not in Phase.Kind.values:
        raise ValueError(f"unknown phase kind {kind!r}")
    with transaction.atomic():
        region = process.region
        phase = Phase(process=process)
        save_tracked(phase, {"kind": kind, **values}, source=source, user=user, organisation=region)
        params = {"phase": phase.get_kind_display(), "process": process.title}
        notify_followers(
            region, PHASE_ADDED, _region_url(region), exclude=user, params=params, also=_networks_of(region)
        )
        return phase


def _entry_values(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, set[str]]]:
    fields = {k: v for k, v in values.items() if k not in ("invited", "themes")}
    invited: list[Actor] = list(values.get("invited", []))
    themes: list[Theme] = list(values.get("themes", []))
    return fields, {"invited": {a.slug for a in invited}, "themes": {t.slug for t in themes}}


def create_entry_point(values: dict[str, Any], *, user: Any, source: str = SOURCE) -> EntryPoint:
    """Publish an entry point: `values` holds phase, kind, title, description, opens_on, closes_on, contact_name,
    contact_email, invited (agencies) and themes. The region's followers are told."""
    fields, m2m = _entry_values(values)
    with transaction.atomic():
        phase: Phase = fields["phase"]
        region = phase.process.region
        entry = EntryPoint()
        save_tracked(entry, fields, source=source, user=user, organisation=region, m2m=m2m)
        params = {"title": entry.title, "day": date_format(entry.closes_on)}
        notify_followers(
            region, NEW_ENTRY_POINT, entry.get_absolute_url(), exclude=user, params=params, also=_networks_of(region)
        )
        return entry


def update_entry_point(entry: EntryPoint, values: dict[str, Any], *, user: Any, source: str = SOURCE) -> Changes:
    """Change an entry point (the same keys as create_entry_point), auditing exactly what changed. A new last
    day allows a new reminder."""
    fields, m2m = _entry_values(values)
    with transaction.atomic():
        locked = EntryPoint.objects.select_for_update().select_related("phase__process__region").get(pk=entry.pk)
        if fields.get("closes_on") not in (None, locked.closes_on):
            fields["reminded_at"] = None
        return save_tracked(locked, fields, source=source, user=user, organisation=locked.phase.process.region, m2m=m2m)


def _networks_of(region: Actor) -> list[Actor]:
    """The networks the region is a member of (e.g. the RUS-nätverket): their followers hear of its RUS work."""
    return list(Actor.objects.filter(kind=Actor.Kind.NETWORK, memberships__member=region))


def _region_url(region: Actor) -> str:
    from django.urls import reverse

    return reverse("strategies:region", args=[region.slug])


def remind_entry_point_deadlines(
    *, today: dt.date | None = None, days_before: int = REMIND_DAYS_BEFORE, source: str = "command"
) -> list[tuple[EntryPoint, int]]:
    """Tell the region's followers and the invited agencies' followers that an open entry point closes within
    `days_before` days, once per entry point. Each entry point is claimed with one conditional UPDATE
    (`reminded_at` still empty) in the same transaction as its notifications, so two runs never remind twice and
    a failed run reminds again next time. Returns each reminded entry point with the notifications written."""
    today = today or timezone.localdate()
    due = list(
        EntryPoint.objects.filter(
            reminded_at=None,
            opens_on__lte=today,
            closes_on__gte=today,
            closes_on__lte=today + dt.timedelta(days=days_before),
        )
        .select_related("phase__process__region")
        .prefetch_related("invited")
        .order_by("closes_on", "pk")
    )
    done: list[tuple[EntryPoint, int]] = []
    for entry in due:
        with transaction.atomic():
            claimed = EntryPoint.objects.filter(pk=entry.pk, reminded_at=None).update(reminded_at=timezone.now())
            if not claimed:
                continue  # another run has it
            region = entry.phase.process.region
            params = {"title": entry.title, "region": region.name, "day": date_format(entry.closes_on)}
            url = entry.get_absolute_url()
            # One notice each, whether they follow the region, one of its networks or an invited agency.
            others = [*entry.invited.all(), *_networks_of(region)]
            sent = notify_followers(region, DEADLINE_SOON, url, params=params, also=others)
            changes: Changes = {"reminded": [False, True], "notifications": [None, sent]}
            record("entrypoint.reminded", entry, changes=changes, source=source, organisation=region, public=False)
            done.append((entry, sent))
    return done
