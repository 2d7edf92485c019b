"""Writes to phases, entry points and contributions. Every change leaves an audit row.

The pages call these (the seed loads data/strategies through seeding.apply_strategy_data). Contributions
and acknowledgements are audited `public=False` (no public page shows them, so they leave the page cache
alone); phases and entry points are public. A new entry point and a changed phase tell the region's followers;
`remind_entry_point_deadlines` tells them (and the invited agencies' followers) seven days before the last day;
`report_stale_phases` tells the region's editors when a phase's planned date has passed without an update;
an interest or a contribution tells the region's staff (who read and acknowledge them), in-app and in their digest.

Nothing written is lost: an edit carries the version the person saw (`expected_version`) and a row changed
meanwhile raises audit.actions.Stale; a refusal is a lib.errors.Refused with a Swedish message (409 or 400).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import actor_ids
from krokarm.accounts.queries import staff_of
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, check_version, locked, record, save_tracked
from krokarm.audit.models import AuditEntry
from krokarm.lib.errors import Refused
from krokarm.notifications.actions import notify_followers, notify_user, notify_users
from krokarm.strategies import phases, queries, uploads
from krokarm.strategies.models import (
    ACKNOWLEDGEMENT_LENGTH,
    CONTRIBUTION_LENGTH,
    INTEREST_LENGTH,
    MAX_ATTACHMENTS,
    Attachment,
    Contribution,
    EntryPoint,
    Phase,
    Process,
)

SOURCE = "web"
REMIND_DAYS_BEFORE = 7
# Told to followers; stored in Swedish (notifications.actions.notify_followers). %(label)s is the region's name.
NEW_ENTRY_POINT = gettext_lazy("%(label)s vill att myndigheter bidrar: ”%(title)s”, sista dag %(day)s")
PHASE_CHANGED = gettext_lazy("%(label)s har ändrat fasen ”%(phase)s” i ”%(process)s”")
PHASE_ADDED = gettext_lazy("%(label)s har lagt till fasen ”%(phase)s” i ”%(process)s”")
DEADLINE_SOON = gettext_lazy("En vecka kvar: sista dag för ”%(title)s” (%(region)s) är %(day)s")
# Told to the region's editors (report_stale_phases).
PHASE_NOT_UPDATED = gettext_lazy(
    "Fasen ”%(phase)s” i ”%(process)s” hade planerat datum %(day)s men har inte uppdaterats sedan dess. "
    "Ändra datumen till utfallet eller till en ny plan."
)
STALE_REPORTED = "phase.reported_stale"
# Told to the region's staff (register_interest, submit_contribution).
INTEREST_RECEIVED = gettext_lazy("%(organisation)s har anmält intresse för ”%(title)s”")
CONTRIBUTION_RECEIVED = gettext_lazy("%(organisation)s har skickat ett bidrag till ”%(title)s”")


class ContributionRefused(Refused):
    """The contribution cannot be taken; the message says why, in Swedish. `closed` is set when the entry point
    does not take contributions now (not open, or no longer current): 409 Conflict; otherwise the input was
    refused: 400. A view that does not catch it still answers with its message (home.middleware)."""

    def __init__(self, message: str, *, closed: bool = False) -> None:
        super().__init__(message, code="closed" if closed else "refused", status=409 if closed else 400)
        self.closed = closed


def _locked_open_entry_point(entry: EntryPoint, today: dt.date | None) -> EntryPoint:
    """The entry point read again under a lock (a retired one too), refused unless it takes contributions today."""
    stored = (
        EntryPoint.all_objects.select_for_update(of=("self",)).select_related("phase__process__region").get(pk=entry.pk)
    )
    if stored.retired_at is not None:
        raise ContributionRefused(
            _("Ingången gäller inte längre och tar inte emot bidrag. Kontakta regionen direkt."), closed=True
        )
    day = today or timezone.localdate()
    if not stored.is_open_on(day):
        if day < stored.opens_on:
            message = _("Ingången har inte öppnat än. Den öppnar %(day)s.") % {"day": date_format(stored.opens_on)}
        else:
            message = _("Ingången stängde %(day)s och tar inte emot fler bidrag. Kontakta regionen direkt.") % {
                "day": date_format(stored.closes_on)
            }
        raise ContributionRefused(message, closed=True)
    return stored


def _tell_region(entry: EntryPoint, actor: Actor, text: Any, user: Any) -> None:
    """The region's staff are told that `actor` sent something to `entry`; call it inside the sending transaction."""
    region_id = entry.phase.process.region_id
    params = {"organisation": actor.name, "title": entry.title}
    url = reverse("strategies:contributions", args=[entry.pk])
    notify_users(staff_of([region_id]).get(region_id, []), text, url, params=params, exclude=user)


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
        _tell_region(entry, actor, INTEREST_RECEIVED, user)
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
            _tell_region(entry, actor, CONTRIBUTION_RECEIVED, user)
            return contribution
    except BaseException:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def acknowledge_contribution(
    contribution: Contribution,
    *,
    user: Any,
    reply: str = "",
    source: str = SOURCE,
    expected_version: int | None = None,
) -> Contribution:
    """The region confirms it has received `contribution`, with an optional reply to the organisation. Again
    later, it changes the reply (the audit row keeps both); the first acknowledgement's time stays. The caller
    has checked that `user` is the region's staff (permissions.get_contribution_for_acknowledging).

    With `expected_version` (the version the officer's form carried), a contribution that another officer
    acknowledged or answered meanwhile raises audit.actions.Stale and nothing is written: two officers answering
    at once never overwrite each other's reply unseen."""
    reply = reply.strip()
    if len(reply) > ACKNOWLEDGEMENT_LENGTH:
        raise ContributionRefused(_("Skriv högst %(limit)d tecken.") % {"limit": ACKNOWLEDGEMENT_LENGTH})
    with transaction.atomic():
        stored = (
            Contribution.objects.select_for_update(of=("self",))
            .select_related("entry_point__phase__process__region", "actor")
            .get(pk=contribution.pk)
        )
        check_version(stored, expected_version)
        changes: Changes = {}
        if stored.acknowledged_at is None:
            stored.acknowledged_at, stored.acknowledged_by = timezone.now(), user
            changes["acknowledged"] = [False, True]
        if reply != stored.acknowledgement:
            changes["acknowledgement"] = [stored.acknowledgement or None, reply or None]
            stored.acknowledgement = reply
        if changes:
            # Hand-written rather than save_tracked: contributions are audited public=False (see the docstring).
            stored.version += 1
            stored.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement", "version"])
            record(
                "contribution.acknowledged",
                stored,
                changes=changes,
                source=source,
                user=user,
                organisation=stored.entry_point.phase.process.region,
                public=False,
            )
        return stored


# The region's editors manage their process (the caller has checked permissions.can_manage_region).


def update_phase(
    phase: Phase, values: dict[str, Any], *, user: Any, source: str = SOURCE, expected_version: int | None = None
) -> Changes:
    """Change a phase's dates, `planned` and note (keys of `values`), auditing exactly what changed, and tell
    the region's followers. Returns the changes (empty if none). Only the fields that differ from the stored row
    are written; with `expected_version` (the version the editor's form carried) a phase changed since — by
    another editor or by the seed — raises audit.actions.Stale and nothing is written."""
    with transaction.atomic():
        stored = Phase.objects.select_for_update(of=("self",)).select_related("process__region").get(pk=phase.pk)
        region = stored.process.region
        changes = save_tracked(
            stored, values, source=source, user=user, organisation=region, expected_version=expected_version, fresh=True
        )
        if changes:
            params = {"phase": stored.get_kind_display(), "process": stored.process.title}
            notify_followers(
                region, PHASE_CHANGED, _region_url(region), exclude=user, params=params, also=_networks_of(region)
            )
        return changes


def add_phase(process: Process, kind: str, values: dict[str, Any], *, user: Any, source: str = SOURCE) -> Phase:
    """Add a phase of `kind` (one the process does not have yet) and tell the region's followers. If another
    editor adds the same kind at the same instant, the unique index keeps one and this raises a Refused (409)."""
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
    """The fields and the many-to-many slugs in `values`; a key that is not there is not touched."""
    fields = {k: v for k, v in values.items() if k not in ("invited", "themes")}
    m2m: dict[str, set[str]] = {}
    if "invited" in values:
        invited: list[Actor] = list(values["invited"])
        m2m["invited"] = {a.slug for a in invited}
    if "themes" in values:
        themes: list[Theme] = list(values["themes"])
        m2m["themes"] = {t.slug for t in themes}
    return fields, m2m


def create_entry_point(values: dict[str, Any], *, user: Any, source: str = SOURCE) -> EntryPoint:
    """Publish an entry point: `values` holds phase, kind, title, description, opens_on, closes_on, contact_name,
    contact_email, invited (agencies) and themes. The region's followers are told."""
    fields, m2m = _entry_values(values)
    with transaction.atomic():
        phase: Phase = fields["phase"]
        region = phase.process.region
        entry = EntryPoint()
        save_tracked(entry, fields, source=source, user=user, organisation=region, m2m=m2m)
        params = {"title": entry.title, "day": entry.closes_on}
        notify_followers(
            region, NEW_ENTRY_POINT, entry.get_absolute_url(), exclude=user, params=params, also=_networks_of(region)
        )
        return entry


def update_entry_point(
    entry: EntryPoint,
    values: dict[str, Any],
    *,
    user: Any,
    source: str = SOURCE,
    expected_version: int | None = None,
) -> Changes:
    """Change an entry point (any of the keys of create_entry_point; only those given are written), auditing
    exactly what changed. A new last day allows a new reminder. With `expected_version` an entry point changed
    since (by another editor or the seed) raises audit.actions.Stale and nothing is written.
    `entry.phase.process.region` must be loaded."""
    fields, m2m = _entry_values(values)
    region = entry.phase.process.region
    with transaction.atomic():
        stored = cast(EntryPoint, locked(entry))
        if fields.get("closes_on") not in (None, stored.closes_on):
            fields["reminded_at"] = None
        return save_tracked(
            stored,
            fields,
            source=source,
            user=user,
            organisation=region,
            m2m=m2m,
            expected_version=expected_version,
            fresh=True,
        )


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
            params = {"title": entry.title, "region": region.name, "day": entry.closes_on}
            url = entry.get_absolute_url()
            # One notice each, whether they follow the region, one of its networks or an invited agency.
            others = [*entry.invited.all(), *_networks_of(region)]
            sent = notify_followers(region, DEADLINE_SOON, url, params=params, also=others)
            changes: Changes = {"reminded": [False, True], "notifications": [None, sent]}
            record("entrypoint.reminded", entry, changes=changes, source=source, organisation=region, public=False)
            done.append((entry, sent))
    return done


def _editors_of(region_ids: set[int]) -> dict[int, list[User]]:
    """Each region's active editors and organisation admins (those who may change its phases), in one query."""
    found: dict[int, list[User]] = {}
    affiliations = (
        Affiliation.objects.filter(
            actor_id__in=region_ids,
            role__in=[Affiliation.Role.EDITOR, Affiliation.Role.ADMIN],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    )
    for affiliation in affiliations:
        users = found.setdefault(affiliation.actor_id, [])
        if affiliation.user not in users:
            users.append(affiliation.user)
    return found


def _reported(phase_ids: list[int]) -> set[tuple[int, str]]:
    """(phase id, planned date) for every stale-phase report already made about these phases."""
    entries = AuditEntry.objects.filter(
        action=STALE_REPORTED, target_type=queries.PHASE_LABEL, target_id__in=[str(pk) for pk in phase_ids]
    ).values_list("target_id", "changes")
    return {(int(target_id), changes.get("overdue_since", [None, None])[1]) for target_id, changes in entries}


def report_stale_phases(*, today: dt.date | None = None, source: str = "job") -> list[tuple[Phase, dt.date, int]]:
    """Tell each region's editors about every phase of theirs that is "ej uppdaterad" (phases.NOT_UPDATED: a
    planned date has passed and nobody has updated the phase since), once per phase and planned date: a phase
    whose planned start passed is reported then, and again if its planned end passes too.

    One transaction locks the candidate phases, reads their last update and the reports already made, and writes
    the notifications with one audit row per report (`phase.reported_stale`: not public, and not an update of the
    phase). Two runs at once never report twice (the second waits for the lock, then sees the first's rows), an
    editor's change waits or is seen, and a failed run reports again next time. Returns each reported phase with
    its planned date and the number of editors told."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ids = list(
            Phase.objects.select_for_update()
            .filter(planned=True)
            .exclude(starts_on=None, ends_on=None)
            .values_list("pk", flat=True)
        )
        candidates = (
            queries.with_last_update(Phase.objects.filter(pk__in=ids))
            .select_related("process__region")
            .order_by("process__region__name", "pk")
        )
        stale = [p for p in candidates if queries.phase_state(p, today) == phases.NOT_UPDATED]
        done_before = _reported([p.pk for p in stale])
        editors = _editors_of({p.process.region_id for p in stale})
        done: list[tuple[Phase, dt.date, int]] = []
        for phase in stale:
            due = phases.overdue_since(phase, today)
            assert due is not None  # NOT_UPDATED means a planned date has passed
            if (phase.pk, due.isoformat()) in done_before:
                continue
            region = phase.process.region
            params = {"phase": phase.get_kind_display(), "process": phase.process.title, "day": due}
            link = reverse("strategies:edit_phase", args=[region.slug, phase.pk])
            told = editors.get(region.pk, [])
            for editor in told:
                notify_user(editor, PHASE_NOT_UPDATED, link, params=params)
            changes: Changes = {"overdue_since": [None, due.isoformat()], "notifications": [None, len(told)]}
            record(STALE_REPORTED, phase, changes=changes, source=source, organisation=region, public=False)
            done.append((phase, due, len(told)))
    return done
