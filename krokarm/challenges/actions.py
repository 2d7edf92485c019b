"""The only writes to challenges. Each runs in one transaction with its audit row.

Challenges, their participants and the regions' approaches are shown on public pages, so every audit row is
public. Each row names the organisation acted for: the lead for the challenge and its participants, a joining
organisation for itself, the region for its approach. Followers of the challenge hear about changes
(notifications); a new challenge tells the followers of its lead organisation.

Nothing people write is lost: every write reads the challenge again under a lock, so two people acting at the
same instant are served one after the other, and the second is told (ChallengeRefused, answered 409) when the
first already did what they asked or changed what they saw. Edits carry the version the person saw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import (
    SOURCE_LABELS,
    Changes,
    Stale,
    changes_since,
    delete_tracked,
    diff,
    record,
    retire_tracked,
    save_tracked,
)
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.audit.reference import Seeder, SyncSummary
from krokarm.challenges import reference_data as ref
from krokarm.challenges.models import Approach, Challenge, Outcome, Participant
from krokarm.lib.errors import Refused
from krokarm.lib.forms import ChangeMeanwhile
from krokarm.needs.models import Need
from krokarm.notifications.actions import follow, notify_followers

SOURCE = "web"
# The lifecycle, in order: a challenge moves one step forward or back at a time.
LIFECYCLE = [
    Challenge.Status.PROPOSED,
    Challenge.Status.AGREED,
    Challenge.Status.ONGOING,
    Challenge.Status.CLOSED,
]
# Told to those who follow the lead organisation; %(label)s is its name.
NEW_CHALLENGE = gettext_lazy("%(label)s har föreslagit en ny utmaning: ”%(title)s”")
# Told to those who follow the challenge; %(label)s is its title.
STATUS_CHANGED = gettext_lazy("Utmaningen ”%(label)s” har ny status: %(status)s")
CHALLENGE_CHANGED = gettext_lazy("Utmaningen ”%(label)s” har ändrats")
PARTICIPANT_ADDED = gettext_lazy("%(organisation)s deltar nu i utmaningen ”%(label)s”")
PARTICIPANT_REMOVED = gettext_lazy("%(organisation)s deltar inte längre i utmaningen ”%(label)s”")
APPROACH_SAVED = gettext_lazy("%(region)s har beskrivit hur regionen arbetar med utmaningen ”%(label)s”")
NEED_BECAME = gettext_lazy("Behovet ”%(label)s” har blivit en utmaning: ”%(title)s”")
NO_LONGER_CURRENT = gettext_lazy(
    "Utmaningen gäller inte längre och kan inte ändras. Den finns kvar för att någon har kommenterat eller följer den."
)
OUTCOMES_LABEL = gettext_lazy("önskade resultat")
# How many times a new challenge looks for a free address when others take the same one at the same instant.
SLUG_ATTEMPTS = 5


class ChallengeRefused(Refused):
    """The change cannot be made; the message says why, in Swedish, for the person who tried (409)."""


OutcomeRows = Sequence[tuple[str, str]]


def allowed_statuses(challenge: Challenge) -> list[str]:
    """The statuses `challenge` may move to: the step before and the step after its current one."""
    return steps_from(challenge.status)


def steps_from(status: str) -> list[str]:
    """The statuses a challenge in `status` may move to: the step before and the step after."""
    index = LIFECYCLE.index(Challenge.Status(status))
    return [LIFECYCLE[i] for i in (index - 1, index + 1) if 0 <= i < len(LIFECYCLE)]


def unique_slug(title: str, *, taken: Iterable[str] = ()) -> str:
    """A free address for a challenge called `title`; retired challenges keep theirs, so they count as taken."""
    base = (slugify(title) or "utmaning")[:70].strip("-")
    used = set(taken) | set(Challenge.all_objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _lock(challenge: Challenge) -> Challenge:
    """The challenge as stored now, locked until the transaction ends (the caller must be in one), with its lead.
    Refused when it no longer is current: a retired challenge is kept to be read, not changed."""
    locked = Challenge.all_objects.select_for_update(of=("self",)).select_related("lead").get(pk=challenge.pk)
    if locked.retired_at is not None:
        raise ChallengeRefused(NO_LONGER_CURRENT)
    return locked


def _touch(row: Challenge | Approach) -> None:
    """Mark `row` as changed now: a bookkeeping field, written outside the audited changes."""
    row.updated_at = timezone.now()
    type(row)._base_manager.filter(pk=row.pk).update(updated_at=row.updated_at)


def propose_challenge(
    *,
    user: Any,
    lead: Actor,
    title: str,
    goal: str,
    description: str = "",
    kind: str = Challenge.Kind.GENERAL,
    themes: Iterable[Theme] = (),
    outcomes: OutcomeRows = (),
    from_need: Need | None = None,
    source: str = SOURCE,
) -> Challenge:
    """Propose a challenge led by `lead` (status förslag); the lead takes part as "leder". The caller has
    checked that `user` edits for `lead` (permissions.editable_actors) and, with `from_need`, for the need's
    region (permissions.can_make_challenge_of): the need then becomes the challenge, in the same transaction.
    Two challenges with the same title proposed at the same instant get different addresses."""
    themes = list(themes)
    if kind not in Challenge.Kind.values:
        raise ChallengeRefused(_("Välj om utmaningen är generell eller platsbaserad."))
    with transaction.atomic():
        challenge = _create_with_free_slug(
            title=title.strip(),
            goal=goal.strip(),
            description=description.strip(),
            kind=kind,
            lead=lead,
            from_need=from_need,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        challenge.themes.set(themes)
        _set_outcomes(challenge, outcomes)
        Participant.objects.create(challenge=challenge, actor=lead, role=Participant.Role.LEADS)
        changes: Changes = {
            "title": [None, challenge.title],
            "goal": [None, challenge.goal],
            "kind": [None, kind],
            "status": [None, challenge.status],
            "lead": [None, lead.name],
            "themes": [[], sorted(theme.slug for theme in themes)],
            "outcomes": [[], [text for text, _indicator in outcomes]],
        }
        if from_need is not None:
            changes["from_need"] = [None, from_need.title]
        record("challenge.created", challenge, changes=changes, source=source, user=user, organisation=lead)
        if from_need is not None:
            _need_became(from_need, challenge, user=user, source=source)
        if getattr(user, "is_authenticated", False):
            follow(user, challenge, source=source)
        notify_followers(
            lead, NEW_CHALLENGE, challenge.get_absolute_url(), exclude=user, params={"title": challenge.title}
        )
        return challenge


def _create_with_free_slug(**values: Any) -> Challenge:
    """Insert a challenge under a free address; another proposal that takes the same address first (the unique
    index says so) makes this one try the next free one."""
    for attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a taken address rolls back only this insert
                return Challenge.objects.create(slug=unique_slug(values["title"]), **values)
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS - 1:
                raise ChallengeRefused(
                    _("Det gick inte att spara utmaningen just nu eftersom många sparar samtidigt. Försök igen.")
                ) from None
    raise AssertionError("unreachable")


def _need_became(need: Need, challenge: Challenge, *, user: Any, source: str) -> None:
    locked = Need.objects.select_for_update(of=("self",)).select_related("region").get(pk=need.pk)
    if locked.status == Need.Status.BECAME_CHALLENGE:
        raise ChallengeRefused(_("Behovet har redan blivit en utmaning."))
    became = _("Utmaningen ”%(title)s”") % {"title": challenge.title}
    changes: Changes = {"status": [locked.status, Need.Status.BECAME_CHALLENGE], "became": [locked.became, became]}
    locked.status, locked.became = Need.Status.BECAME_CHALLENGE, became[:300]
    locked.updated_at = timezone.now()
    locked.closed_at = locked.closed_at or locked.updated_at
    locked.save(update_fields=["status", "became", "updated_at", "closed_at"])
    record("need.became_challenge", locked, changes=changes, source=source, user=user, organisation=locked.region)
    notify_followers(locked, NEED_BECAME, challenge.get_absolute_url(), exclude=user, params={"title": challenge.title})


def update_challenge(
    challenge: Challenge,
    *,
    user: Any,
    title: str,
    goal: str,
    description: str,
    kind: str,
    themes: Iterable[Theme],
    outcomes: OutcomeRows,
    source: str = SOURCE,
    expected_version: int | None = None,
) -> Changes:
    """Change what a challenge is, auditing exactly what changed in one row, and write only the fields that
    changed. The caller has checked that `user` may (permissions.get_challenge_for_managing). Returns the changes
    (empty if none). With `expected_version` (the version the person's form carried), a challenge changed since —
    its outcomes included — raises audit.actions.Stale and nothing is written."""
    themes = list(themes)
    values = {"title": title.strip(), "goal": goal.strip(), "description": description.strip(), "kind": kind}
    new_outcomes = [(text.strip(), indicator.strip()) for text, indicator in outcomes if text.strip()]
    with transaction.atomic():
        stored = _lock(challenge)
        _check_version(stored, expected_version)
        changes = diff(stored, values)
        current = sorted(stored.themes.values_list("slug", flat=True))
        wanted = sorted(theme.slug for theme in themes)
        if current != wanted:
            stored.themes.set(themes)
            changes["themes"] = [current, wanted]
        old_outcomes = [(o.text, o.indicator) for o in stored.outcomes.all()]
        if old_outcomes != new_outcomes:
            _write_outcomes(stored, new_outcomes, source=source, user=user)
            changes["outcomes"] = [_outcome_lines(old_outcomes), _outcome_lines(new_outcomes)]
        if changes:
            written = [name for name in values if name in changes]
            for name in written:
                setattr(stored, name, values[name])
            stored.version += 1
            stored.updated_at = timezone.now()
            stored.save(update_fields=[*written, "version", "updated_at"])
            record("challenge.updated", stored, changes=changes, source=source, user=user, organisation=stored.lead)
            notify_followers(stored, CHALLENGE_CHANGED, exclude=user)
        _copy_stored(stored, challenge)
        return changes


def _copy_stored(stored: models.Model, instance: models.Model) -> None:
    """Let the caller's instance hold the row as stored now (its version included)."""
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(stored, field.attname))


def _check_version(stored: Challenge | Approach, expected_version: int | None) -> None:
    """audit.actions.check_version, with what changed meanwhile put for people: choices by their labels
    ("Överenskommen", not "overenskommen") and a challenge's outcomes, which are rows of their own and so left
    out of the generic list."""
    if expected_version is None or stored.version == expected_version:
        return
    meanwhile = [_labelled(type(stored), change) for change in changes_since(stored, expected_version)]
    if isinstance(stored, Challenge):
        entries = AuditEntry.objects.filter(
            target_type=Challenge._meta.label_lower,
            target_id=str(stored.pk),
            version__gt=expected_version,
            changes__has_key="outcomes",
        ).order_by("id")
        meanwhile += [
            ChangeMeanwhile(
                entry.created_at,
                str(SOURCE_LABELS.get(entry.source, entry.source)),
                str(OUTCOMES_LABEL),
                entry.changes["outcomes"][0],
                entry.changes["outcomes"][1],
            )
            for entry in entries
        ]
    raise Stale(stored, expected_version, sorted(meanwhile, key=lambda change: change.when))


def _labelled(model: type[models.Model], change: ChangeMeanwhile) -> ChangeMeanwhile:
    for field in model._meta.concrete_fields:
        if field.choices and str(field.verbose_name) == change.field:
            labels = {str(value): str(label) for value, label in field.flatchoices}
            old, new = labels.get(str(change.old), change.old), labels.get(str(change.new), change.new)
            return dataclasses.replace(change, old=old, new=new)
    return change


def _write_outcomes(challenge: Challenge, outcomes: OutcomeRows, *, source: str, user: Any) -> None:
    """Make the challenge's outcomes read `outcomes`, in order, changing the rows in place (so that an outcome
    from data/ keeps its record and the seed sees the change as the editors' own)."""
    rows = sorted(
        Outcome.all_objects.select_for_update().filter(challenge=challenge),
        key=lambda o: (o.order, o.retired_at is None),
    )
    by_order = {row.order: row for row in rows}  # the current row wins a shared place
    for order, (text, indicator) in enumerate(outcomes, start=1):
        row = by_order.pop(order, None) or Outcome(challenge=challenge, order=order)
        values: dict[str, Any] = {"text": text, "indicator": indicator}
        if row.retired_at is not None:
            values["retired_at"] = None
        save_tracked(row, values, source=source, user=user, organisation=challenge.lead, fresh=row.pk is not None)
    for row in by_order.values():
        if row.retired_at is None:
            _take_away(row, source=source, user=user, organisation=challenge.lead)


def _take_away(row: Outcome, *, source: str, user: Any, organisation: Actor) -> None:
    """Remove an outcome the editors took away: one that came from data/ is retired (kept out of sight), so that
    the next seed does not bring it back; one people made is deleted."""
    label = row._meta.label_lower
    if ReferenceRecord.objects.filter(target_type=label, target_id=str(row.pk)).exists():
        retire_tracked(row, source=source, user=user, organisation=organisation)
    else:
        delete_tracked(row, source=source, user=user, organisation=organisation)


def change_status(
    challenge: Challenge, *, user: Any, status: str, expected_status: str | None = None, source: str = SOURCE
) -> Challenge:
    """Move a challenge one step along its lifecycle (förslag → överenskommen → pågående → avslutad, or one
    step back). Refused (ChallengeRefused) for any other move, and when the status is no longer
    `expected_status` (the one the person saw: someone else moved it meanwhile). The caller has checked that
    `user` may (permissions.get_challenge_for_managing)."""
    with transaction.atomic():
        locked = _lock(challenge)
        if expected_status is not None and locked.status != expected_status:
            raise ChallengeRefused(
                _(
                    "Någon annan ändrade statusen till %(status)s medan du valde. Statusen är inte ändrad igen. "
                    "Se hur det ser ut nu och välj på nytt om det behövs."
                )
                % {"status": locked.get_status_display().lower()}
            )
        if status not in allowed_statuses(locked):
            raise ChallengeRefused(
                _("En utmaning kan bara flyttas ett steg i taget, från %(old)s till %(allowed)s.")
                % {
                    "old": locked.get_status_display().lower(),
                    "allowed": _(" eller ").join(
                        str(Challenge.Status(s).label).lower() for s in allowed_statuses(locked)
                    ),
                }
            )
        save_tracked(
            locked,
            {"status": status},
            source=source,
            user=user,
            organisation=locked.lead,
            action="challenge.status_changed",
            fresh=True,
        )
        _touch(locked)
        notify_followers(locked, STATUS_CHANGED, exclude=user, params={"status": str(Challenge.Status(status).label)})
        return locked


def add_participant(
    challenge: Challenge,
    *,
    user: Any,
    actor: Actor,
    role: str,
    note: str = "",
    acting_for: Actor | None = None,
    source: str = SOURCE,
) -> Participant:
    """Let `actor` take part in `challenge` in `role`. Refused if it already takes part (also when someone
    added it a moment ago). The caller has checked that `user` steers the challenge, or edits for `actor`
    joining as "bidrar" (then `acting_for` is `actor`)."""
    if role not in Participant.Role.values:
        raise ChallengeRefused(_("Välj vilken roll organisationen har."))
    with transaction.atomic():
        challenge = _lock(challenge)
        if Participant.objects.filter(challenge=challenge, actor=actor).exists():
            raise ChallengeRefused(_("%(actor)s deltar redan i utmaningen.") % {"actor": actor.name})
        organisation = acting_for or challenge.lead
        # An organisation from data/ that left comes back as the same row (the seed keeps it then).
        participant = Participant.all_objects.filter(
            challenge=challenge, actor=actor, retired_at__isnull=False
        ).first() or Participant(challenge=challenge, actor=actor)
        values: dict[str, Any] = {"role": role, "note": note.strip()}
        if participant.pk is not None:
            values["retired_at"] = None
        save_tracked(participant, values, source=source, user=user, organisation=organisation)
        label = f"{actor.name} ({participant.get_role_display()})"
        changes: Changes = {"participant": [None, label]}
        if note.strip():
            changes["note"] = [None, note.strip()]
        record(
            "challenge.participant_added",
            challenge,
            changes=changes,
            source=source,
            user=user,
            organisation=organisation,
        )
        notify_followers(challenge, PARTICIPANT_ADDED, exclude=user, params={"organisation": actor.name})
        return participant


def join_challenge(challenge: Challenge, *, user: Any, actor: Actor, source: str = SOURCE) -> Participant:
    """An organisation's editor joins it to `challenge` as a contributor. The caller has checked that `user`
    edits for `actor` (permissions.joinable_actors)."""
    participant = add_participant(
        challenge, user=user, actor=actor, role=Participant.Role.CONTRIBUTES, acting_for=actor, source=source
    )
    if getattr(user, "is_authenticated", False):
        follow(user, challenge, source=source)
    return participant


def remove_participant(participant: Participant, *, user: Any, source: str = SOURCE) -> None:
    """Remove an organisation from a challenge (its row is retired: kept, no longer shown); the lead cannot be
    removed (permissions.can_remove). Refused when it no longer takes part (someone removed it a moment ago):
    nothing is recorded twice."""
    with transaction.atomic():
        challenge = _lock(participant.challenge)
        stored = Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if stored is None:
            raise ChallengeRefused(
                _("%(actor)s deltar inte längre i utmaningen: någon annan tog bort organisationen alldeles nyss.")
                % {"actor": participant.actor.name}
            )
        if stored.actor_id == challenge.lead_id:
            raise ChallengeRefused(_("Organisationen som leder utmaningen kan inte tas bort."))
        label = f"{participant.actor.name} ({stored.get_role_display()})"
        # Retired, not deleted: the seed does not bring an organisation from data/ back, a second request finds
        # the row and is told, and joining again brings the same row back.
        retire_tracked(stored, source=source, user=user, organisation=challenge.lead)
        changes: Changes = {"participant": [label, None]}
        record(
            "challenge.participant_removed",
            challenge,
            changes=changes,
            source=source,
            user=user,
            organisation=challenge.lead,
        )
        notify_followers(challenge, PARTICIPANT_REMOVED, exclude=user, params={"organisation": participant.actor.name})


APPROACH_FIELDS = ("summary", "measures", "status", "contact_name", "contact_email", "starts_on", "ends_on")


def save_approach(
    challenge: Challenge,
    *,
    user: Any,
    region: Actor,
    summary: str,
    measures: str = "",
    status: str = Approach.Status.PLANNED,
    contact_name: str = "",
    contact_email: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    source: str = SOURCE,
    expected_version: int | None = None,
) -> tuple[Approach, Changes]:
    """Write how `region` works on `challenge` (one approach per region), auditing exactly what changed and
    writing only the fields that changed. The caller has checked that `user` edits for `region`
    (permissions.get_region_for_approach).

    `expected_version` is the version the person's form carried: 0 when they saw no approach yet. When the
    approach moved past it (another editor of the region saved first) audit.actions.Stale is raised, listing what
    the other wrote, and nothing is written. None writes whatever is stored (the seed, tests)."""
    if region.kind != Actor.Kind.REGION:
        raise ChallengeRefused(_("Bara regioner beskriver hur de arbetar med en utmaning."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ChallengeRefused(_("Slutdatumet kan inte vara före startdatumet."))
    values: dict[str, Any] = {
        "summary": summary.strip(),
        "measures": "\n".join(line.strip() for line in measures.strip().splitlines() if line.strip()),
        "status": status,
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    author = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        challenge = _lock(challenge)  # two first approaches of one region are written one after the other
        approach = Approach.objects.select_for_update(of=("self",)).filter(challenge=challenge, region=region).first()
        if approach is None:
            approach = Approach(challenge=challenge, region=region, created_by=author, updated_by=author)
            changes = save_tracked(approach, values, source=source, user=user, organisation=region)
        else:
            _check_version(approach, expected_version)
            changes = save_tracked(approach, values, source=source, user=user, organisation=region, fresh=True)
            if changes:
                approach.updated_by = author
                Approach.objects.filter(pk=approach.pk).update(updated_by=author)
                _touch(approach)
        if changes:
            notify_followers(challenge, APPROACH_SAVED, exclude=user, params={"region": region.name})
            if author is not None:
                follow(author, challenge, source=source)
        return approach, changes


def _set_outcomes(challenge: Challenge, outcomes: OutcomeRows) -> None:
    Outcome.objects.bulk_create(
        [
            Outcome(challenge=challenge, text=text.strip(), indicator=indicator.strip(), order=index)
            for index, (text, indicator) in enumerate(outcomes, start=1)
            if text.strip()
        ]
    )


def _outcome_lines(outcomes: OutcomeRows) -> list[str]:
    return [f"{text} ({indicator})" if indicator else text for text, indicator in outcomes]


def outcomes_changed(
    challenge: Challenge, old: OutcomeRows, new: OutcomeRows, *, source: str, user: Any = None
) -> None:
    """Record on the challenge that its outcomes changed (the seed changed them row by row) and move its version
    on, so that an edit form opened before is told instead of writing the old outcomes back."""
    Challenge.all_objects.filter(pk=challenge.pk).update(version=models.F("version") + 1)
    challenge.refresh_from_db(fields=["version"])
    changes: Changes = {"outcomes": [_outcome_lines(old), _outcome_lines(new)]}
    record("challenge.updated", challenge, changes=changes, source=source, user=user, organisation=challenge.lead)


def apply_challenge_data(rows: list[ref.ChallengeRow], *, source: str = "seed", take_file: bool = False) -> SyncSummary:
    """Make the reference challenges in the database follow `rows` (challenges/reference_data.py), keeping
    everybody's own work.

    The caller must have applied the actors' reference data first. Rows are matched on natural keys: challenge
    slug; challenge + outcome order; challenge + participant actor; challenge + approach region. They are read with
    SELECT … FOR UPDATE, so an edit on the site waits for the seed instead of racing it, and written through
    audit.reference.Seeder: a field somebody changed on the site (an approach a region rewrote, a challenge its
    lead retitled) keeps the site's value and is reported as a conflict unless `take_file`; rows made on the site
    (challenges, participants and approaches) are never changed or deleted; a challenge's status is set only when
    it is created (afterwards it moves along its lifecycle on the site). A reference row the files no longer hold
    is deleted when nothing people made points at it, otherwise retired: a challenge with comments, follows or
    the site's participants and approaches stays reachable, marked as no longer current, with all it holds.
    Outcomes and participants that the challenge's editors took away stay away (they are retired on the site).
    """
    seeder = Seeder(source=source, take_file=take_file)
    with transaction.atomic():
        actors = {a.slug: a for a in Actor.objects.exclude(kind=Actor.Kind.MUNICIPALITY)}
        existing = {
            c.slug: c
            for c in Challenge.all_objects.select_related("lead")
            .prefetch_related("themes")
            .select_for_update(of=("self",))
        }
        outcomes_before = _outcome_lists()
        created: set[int] = set()
        for row in rows:
            lead = actors[row.lead]
            challenge = existing.get(row.slug) or Challenge()
            is_new = challenge.pk is None
            values = {
                "slug": row.slug,
                "title": row.title,
                "goal": row.goal,
                "description": row.description,
                "kind": row.kind,
                "lead": lead,
                "unconfirmed": row.unconfirmed,
                "source": row.source,
                "status": row.status,
            }
            m2m = {"themes": set(row.themes)}
            saved = seeder.save(
                challenge, values, file=row.file, key=row.slug, m2m=m2m, organisation=lead, create_only=("status",)
            )
            if saved is None:
                continue  # the address belongs to a challenge made on the site: its parts are not the file's either
            if is_new:
                created.add(challenge.pk)
            _seed_outcomes(challenge, row, seeder)
            lead_row = ref.ParticipantRow(row.lead, Participant.Role.LEADS, "", row.source)
            _seed_participants(challenge, row, [lead_row, *row.participants], actors, seeder)
            _seed_approaches(challenge, row, actors, seeder)
        seeder.remove_unseen(Challenge)
        for model in (Outcome, Participant, Approach):
            seeder.remove_unseen(model, scope=_decided_by_the_files(model))
        _record_outcome_changes(outcomes_before, _outcome_lists(), created, source)
    return seeder.summary


def _seed_outcomes(challenge: Challenge, row: ref.ChallengeRow, seeder: Seeder) -> None:
    # Retired rows first, so that a current row in the same place wins.
    rows = Outcome.all_objects.select_for_update().filter(challenge=challenge)
    existing = {o.order: o for o in sorted(rows, key=lambda o: o.retired_at is None)}
    for order, item in enumerate(row.outcomes, start=1):
        outcome = existing.get(order) or Outcome(challenge=challenge, order=order)
        values = {"text": item.text, "indicator": item.indicator}
        key = f"{row.slug} / resultat {order}"
        seeder.save(outcome, values, file=row.file, key=key, organisation=challenge.lead)


def _seed_participants(
    challenge: Challenge,
    row: ref.ChallengeRow,
    items: Sequence[ref.ParticipantRow],
    actors: dict[str, Actor],
    seeder: Seeder,
) -> None:
    rows = Participant.all_objects.select_for_update().filter(challenge=challenge)
    existing = {p.actor_id: p for p in sorted(rows, key=lambda p: p.retired_at is None)}
    for item in items:
        actor = actors[item.actor]
        participant = existing.get(actor.pk) or Participant(challenge=challenge, actor=actor)
        values = {"role": item.role, "note": item.note, "source": item.source}
        key = f"{row.slug} / deltagare / {item.actor}"
        seeder.save(participant, values, file=row.file, key=key, organisation=challenge.lead)


def _seed_approaches(challenge: Challenge, row: ref.ChallengeRow, actors: dict[str, Actor], seeder: Seeder) -> None:
    existing = {a.region_id: a for a in Approach.objects.select_for_update().filter(challenge=challenge)}
    for item in row.approaches:
        region = actors[item.region]
        approach = existing.get(region.pk) or Approach(challenge=challenge, region=region)
        values = {
            "summary": item.summary,
            "measures": "\n".join(item.measures),
            "status": item.status,
            "contact_name": item.contact_name,
            "contact_email": item.contact_email,
            "starts_on": item.starts_on,
            "ends_on": item.ends_on,
            "unconfirmed": item.unconfirmed,
            "source": item.source,
        }
        key = f"{row.slug} / arbetssätt / {item.region}"
        seeder.save(approach, values, file=row.file, key=key, organisation=region)


def _decided_by_the_files(model: type[Outcome] | type[Participant] | type[Approach]) -> list[str]:
    """The rows of `model` whose fate the files decide: those of current challenges, and the records of rows
    already gone (to forget them). A retired challenge keeps its outcomes, participants and approaches as they
    were, so that its page still shows what it held."""
    current = {
        str(pk) for pk in model._base_manager.filter(challenge__retired_at__isnull=True).values_list("pk", flat=True)
    }
    present = [str(pk) for pk in model._base_manager.values_list("pk", flat=True)]
    gone = ReferenceRecord.objects.filter(target_type=model._meta.label_lower).exclude(target_id__in=present)
    return sorted(current | set(gone.values_list("target_id", flat=True)))


def _outcome_lists() -> dict[int, list[tuple[str, str]]]:
    """Every challenge's current outcomes in order (one query)."""
    lists: dict[int, list[tuple[str, str]]] = {}
    for challenge_id, text, indicator in Outcome.objects.order_by("challenge_id", "order", "pk").values_list(
        "challenge_id", "text", "indicator"
    ):
        lists.setdefault(challenge_id, []).append((text, indicator))
    return lists


def _record_outcome_changes(
    before: dict[int, list[tuple[str, str]]],
    after: dict[int, list[tuple[str, str]]],
    created: set[int],
    source: str,
) -> None:
    """Tell each challenge whose outcomes the seed changed (outcomes_changed); a challenge the seed has just
    created records its outcomes in its creation."""
    changed = [pk for pk in set(before) | set(after) if pk not in created and before.get(pk, []) != after.get(pk, [])]
    for challenge in Challenge.all_objects.select_related("lead").filter(pk__in=changed).order_by("pk"):
        outcomes_changed(challenge, before.get(challenge.pk, []), after.get(challenge.pk, []), source=source)
