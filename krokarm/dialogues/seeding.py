"""Loading data/dialogues/*.yaml (`krokarm seed`) without losing what people made or changed on the site.

Every row the files hold is written through audit.reference.Seeder, so it knows its file and key. Rows are
matched on natural keys: event slug; a reference session by its place in the file (sessions people add on the
site are theirs and never matched); session + note text; session + proposal title; proposal + supporting
organisation; proposal + next step title; a next step's one reference progress note. A field somebody changed on
the site keeps the site's value and is reported as a conflict (`take_file` takes the file's); rows people made on
the site are never changed or deleted. Statuses of proposals and next steps are written only when the row is
created (afterwards their owners move them on the site); a next step's status follows the file until somebody
moves it on the site, and is then theirs without a conflict (issue 16: a seeded step that said "klar" becomes
"planerad" on the next seed unless somebody moved it).

A row the files no longer hold is deleted when nobody changed it and nothing people made points at it, otherwise
retired (kept, shown as no longer current). Rows are removed from the bottom up, and a session or event that still
holds a retired row is retired too instead of deleted: deleting it would take the retired row, and the comments
and follows on it, with it (audit.dependents only sees what points at the row itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import retire_tracked
from krokarm.audit.reference import Conflict, Seeder, SyncSummary, label_of
from krokarm.challenges.models import Challenge
from krokarm.dialogues import reference_data as ref
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Progress, Proposal, Support


class _Lookups:
    """The reference rows of other apps that the files name by slug."""

    def __init__(self) -> None:
        self.actors = {a.slug: a for a in Actor.objects.exclude(kind=Actor.Kind.MUNICIPALITY)}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.challenges = {c.slug: c for c in Challenge.objects.all()}

    def theme(self, slug: str) -> Theme | None:
        return self.themes[slug] if slug else None


def apply_dialogue_data(rows: Sequence[ref.EventRow], *, source: str = "seed", take_file: bool = False) -> SyncSummary:
    """Make the reference rows follow `rows` (dialogues/reference_data.py), keeping everybody's own work.

    The caller must have applied the actors' and challenges' reference data first. The rows are read with
    SELECT … FOR UPDATE, so an edit on the site waits for the seed instead of racing it. Returns the summary with
    every conflict (file, key, field, the file's and the site's value).
    """
    seeder = Seeder(source=source, take_file=take_file)
    with transaction.atomic():
        lookups = _Lookups()
        events = Event.all_objects.select_related("organiser").prefetch_related("invited")
        existing = {e.slug: e for e in _retired_first(events.select_for_update(of=("self",)))}
        for row in rows:
            organiser = lookups.actors[row.organiser] if row.organiser else None
            event = existing.get(row.slug) or Event(slug=row.slug)
            values = {
                "title": row.title,
                "kind": row.kind,
                "starts_at": row.starts_at,
                "ends_at": row.ends_at,
                "all_day": row.all_day,
                "place": row.place,
                "online_url": row.online_url,
                "organiser": organiser,
                "description": row.description,
                "agenda": row.agenda,
                "capacity": row.capacity,
                "registration_closes_at": row.registration_closes_at,
                "source_url": row.source,
                "reconstructed": row.reconstructed,
            }
            file = f"dialogues/{row.file}"
            saved = seeder.save(
                event, values, file=file, key=row.slug, m2m={"invited": set(row.invited)}, organisation=organiser
            )
            if saved is None:
                continue  # an event made on the site holds the slug: its sessions are its organiser's own
            _sync_sessions(seeder, event, row, lookups, file)
        _remove_unseen(seeder)
    return seeder.summary


def _sync_sessions(seeder: Seeder, event: Event, row: ref.EventRow, lookups: _Lookups, file: str) -> None:
    organiser = event.organiser
    stored = (
        DialogueSession.all_objects.filter(event=event)
        .select_related("theme")
        .prefetch_related("participants")
        .select_for_update(of=("self",))
    )
    existing = {s.position: s for s in _retired_first(stored) if not seeder.is_site_row(s)}
    for position, session_row in enumerate(row.sessions, start=1):
        session = existing.get(position) or DialogueSession(event=event, position=position)
        session.event = event
        key = _key(row.slug, f"pass {position}")
        values = {
            "title": session_row.title,
            "theme": lookups.theme(session_row.theme),
            "facilitator_name": session_row.facilitator_name,
            "starts_at": session_row.starts_at,
            "description": session_row.description,
            "reconstructed": session_row.reconstructed,
        }
        m2m = {"participants": set(session_row.participants)}
        seeder.save(session, values, file=file, key=key, m2m=m2m, organisation=organiser)
        notes = {n.text: n for n in Note.objects.filter(session=session).select_for_update()}
        for note_row in session_row.notes:
            note = notes.get(note_row.text) or Note(session=session)
            values = {
                "text": note_row.text,
                "kind": note_row.kind,
                "created_at": event.starts_at,
                "reconstructed": note_row.reconstructed,
            }
            note_key = _key(key, note_row.kind, _short(note_row.text))
            seeder.save(note, values, file=file, key=note_key, organisation=organiser)
        proposals = Proposal.all_objects.filter(session=session).select_related("theme", "challenge")
        by_title = {p.title: p for p in _retired_first(proposals.select_for_update(of=("self",)))}
        for proposal_row in session_row.proposals:
            proposal = by_title.get(proposal_row.title) or Proposal(session=session)
            proposal.session = session
            _sync_proposal(
                seeder, proposal, proposal_row, lookups, file, _key(key, "förslag", _short(proposal_row.title))
            )


def _sync_proposal(
    seeder: Seeder, proposal: Proposal, row: ref.ProposalRow, lookups: _Lookups, file: str, key: str
) -> None:
    event = proposal.session.event
    values: dict[str, Any] = {
        "title": row.title,
        "text": row.text,
        "created_at": event.starts_at,
        "theme": lookups.theme(row.theme),
        "challenge": lookups.challenges.get(row.challenge) if row.challenge else None,
        "status": row.status,
        "reconstructed": row.reconstructed,
        "source": row.source,
    }
    saved = seeder.save(proposal, values, file=file, key=key, organisation=event.organiser, create_only=("status",))
    if saved is None:
        return  # a proposal made on the site has the title: its supports and next steps are its own
    supports = {
        s.actor.slug: s
        for s in Support.objects.filter(proposal=proposal).select_related("actor").select_for_update(of=("self",))
    }
    for slug in row.supporters:
        support = supports.get(slug) or Support(proposal=proposal)
        actor = lookups.actors[slug]
        seeder.save(support, {"actor": actor}, file=file, key=_key(key, "stöd", slug), organisation=actor)
    followups = FollowUp.all_objects.filter(proposal=proposal).select_related("owner")
    by_title = {f.title: f for f in _retired_first(followups.select_for_update(of=("self",)))}
    for followup_row in row.followups:
        followup = by_title.get(followup_row.title) or FollowUp(proposal=proposal)
        _sync_followup(
            seeder, followup, followup_row, lookups, file, _key(key, "nästa steg", _short(followup_row.title))
        )


def _sync_followup(
    seeder: Seeder, followup: FollowUp, row: ref.FollowUpRow, lookups: _Lookups, file: str, key: str
) -> None:
    owner = lookups.actors[row.owner] if row.owner else None
    values = {
        "title": row.title,
        "description": row.description,
        "owner": owner,
        "due_on": row.due_on,
        "link": row.link,
        "status": row.status,
        "reconstructed": row.reconstructed,
    }
    # An organisation that takes on krokarm's proposal on the site (actions.take_on_followup) owns it from then on:
    # the owner, like the status its owners move on, keeps the site's value without a conflict, even with
    # --take-file (issue 16: the files only ever give next steps nobody has taken on).
    if seeder.save(followup, values, file=file, key=key, organisation=owner, site_wins=("status", "owner")) is None:
        return
    if not row.progress:
        return  # a progress note the file no longer gives is removed with the other unseen rows
    # The file gives one progress note per next step; the owners' own notes are never matched.
    stored = Progress.objects.filter(followup=followup).select_for_update()
    progress = next((p for p in stored if not seeder.is_site_row(p)), None) or Progress(followup=followup)
    values = {"text": row.progress, "status": row.status}
    seeder.save(progress, values, file=file, key=_key(key, "lägesrapport"), organisation=owner, create_only=("status",))


# Rows the files no longer hold ------------------------------------------------------------------------------

# Bottom up: a model, then the retirable children that hold a row of it back from deletion (model, foreign key).
REMOVAL_ORDER: tuple[tuple[type[models.Model], tuple[tuple[type[models.Model], str], ...]], ...] = (
    (Progress, ()),
    (Support, ()),
    (Note, ()),
    (FollowUp, ()),
    (Proposal, ((FollowUp, "proposal_id"),)),
    (DialogueSession, ((Proposal, "session_id"),)),
    (Event, ((DialogueSession, "event_id"),)),
)


def _remove_unseen(seeder: Seeder) -> None:
    """Delete or retire the reference rows this run did not see, children before their parents."""
    for model, children in REMOVAL_ORDER:
        held: set[Any] = set()
        for child, parent_field in children:
            retired = child._base_manager.filter(retired_at__isnull=False)
            held.update(retired.values_list(parent_field, flat=True))
        if not held:
            seeder.remove_unseen(model)
            continue
        seeder.remove_unseen(model, scope=model._base_manager.exclude(pk__in=held).values_list("pk", flat=True))
        for parent in model._base_manager.filter(pk__in=held, retired_at__isnull=True):
            _retire_held(seeder, parent, ", ".join(label_of(child) for child, _field in children))


def _retire_held(seeder: Seeder, instance: models.Model, child_labels: str) -> None:
    """Retire an unseen reference row that still holds a retired child (Seeder.remove_unseen would delete it)."""
    record = seeder.record_for(instance)
    seen = seeder.seen.get(label_of(instance), set())
    if record is None or record.retired_at is not None or str(instance.pk) in seen:
        return  # a row people made, one already retired, or one the files still hold
    with transaction.atomic():
        retire_tracked(instance, source=seeder.source)
        record.retired_at = timezone.now()
        record.save(update_fields=["retired_at"])
    seeder.summary.retired += 1
    seeder.summary.conflicts.append(
        Conflict(
            record.file,
            record.key,
            "*",
            "retired (no longer current)",
            f"it holds retired rows that people's comments, follows or notes point at ({child_labels})",
            "removed",
        )
    )


def _retired_first(rows: Iterable[Any]) -> list[Any]:
    """Retired rows first, so that in a dict by natural key the current row with the same key wins."""
    return sorted(rows, key=lambda row: row.retired_at is None)


def _key(*parts: str) -> str:
    """A row's key as the conflict report shows it (ReferenceRecord.key holds 300 characters)."""
    key = " / ".join(parts)
    return key if len(key) <= 300 else key[:299] + "…"


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
