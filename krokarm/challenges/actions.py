"""The only writes to challenges. Each runs in one transaction with its audit row.

Challenges, their participants and the regions' approaches are shown on public pages, so every audit row is
public. Each row names the organisation acted for: the lead for the challenge and its participants, a joining
organisation for itself, the region for its approach. Followers of the challenge hear about changes
(notifications); a new challenge tells the followers of its lead organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.actors.actions import SyncSummary
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, delete_tracked, plain, record, save_tracked
from krokarm.challenges import reference_data as ref
from krokarm.challenges.models import Approach, Challenge, Outcome, Participant
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


class ChallengeRefused(Exception):
    """The change cannot be made; the message says why, in Swedish, for the person who tried."""


OutcomeRows = Sequence[tuple[str, str]]


def allowed_statuses(challenge: Challenge) -> list[str]:
    """The statuses `challenge` may move to: the step before and the step after its current one."""
    index = LIFECYCLE.index(Challenge.Status(challenge.status))
    return [LIFECYCLE[i] for i in (index - 1, index + 1) if 0 <= i < len(LIFECYCLE)]


def unique_slug(title: str, *, taken: Iterable[str] = ()) -> str:
    base = (slugify(title) or "utmaning")[:70].strip("-")
    used = set(taken) | set(Challenge.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


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
    region (permissions.can_make_challenge_of): the need then becomes the challenge, in the same transaction."""
    themes = list(themes)
    if kind not in Challenge.Kind.values:
        raise ChallengeRefused(_("Välj om utmaningen är generell eller platsbaserad."))
    with transaction.atomic():
        challenge = Challenge.objects.create(
            slug=unique_slug(title),
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


def _need_became(need: Need, challenge: Challenge, *, user: Any, source: str) -> None:
    locked = Need.objects.select_for_update().select_related("region").get(pk=need.pk)
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
) -> Changes:
    """Change what a challenge is, auditing exactly what changed. The caller has checked that `user` may
    (permissions.get_challenge_for_managing). Returns the changes (empty if none)."""
    themes = list(themes)
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().select_related("lead").get(pk=challenge.pk)
        values = {"title": title.strip(), "goal": goal.strip(), "description": description.strip(), "kind": kind}
        changes: Changes = {
            field: [plain(getattr(challenge, field)), value]
            for field, value in values.items()
            if getattr(challenge, field) != value
        }
        current = sorted(challenge.themes.values_list("slug", flat=True))
        wanted = sorted(theme.slug for theme in themes)
        if current != wanted:
            challenge.themes.set(themes)
            changes["themes"] = [current, wanted]
        old_outcomes = [(o.text, o.indicator) for o in challenge.outcomes.all()]
        new_outcomes = [(text.strip(), indicator.strip()) for text, indicator in outcomes]
        if old_outcomes != new_outcomes:
            challenge.outcomes.all().delete()
            _set_outcomes(challenge, new_outcomes)
            changes["outcomes"] = [_outcome_lines(old_outcomes), _outcome_lines(new_outcomes)]
        if changes:
            for field, value in values.items():
                setattr(challenge, field, value)
            challenge.updated_at = timezone.now()
            challenge.save(update_fields=[*values, "updated_at"])
            record(
                "challenge.updated", challenge, changes=changes, source=source, user=user, organisation=challenge.lead
            )
            notify_followers(challenge, CHALLENGE_CHANGED, exclude=user)
        return changes


def change_status(challenge: Challenge, *, user: Any, status: str, source: str = SOURCE) -> Challenge:
    """Move a challenge one step along its lifecycle (förslag → överenskommen → pågående → avslutad, or one
    step back). Refused (ChallengeRefused) for any other move. The caller has checked that `user` may
    (permissions.get_challenge_for_managing)."""
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().select_related("lead").get(pk=challenge.pk)
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
        old = locked.status
        locked.status, locked.updated_at = status, timezone.now()
        locked.save(update_fields=["status", "updated_at"])
        changes: Changes = {"status": [old, status]}
        record("challenge.status_changed", locked, changes=changes, source=source, user=user, organisation=locked.lead)
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
    """Let `actor` take part in `challenge` in `role`. Refused if it already takes part. The caller has checked
    that `user` steers the challenge, or edits for `actor` joining as "bidrar" (then `acting_for` is `actor`)."""
    if role not in Participant.Role.values:
        raise ChallengeRefused(_("Välj vilken roll organisationen har."))
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().select_related("lead").get(pk=challenge.pk)
        if Participant.objects.filter(challenge=challenge, actor=actor).exists():
            raise ChallengeRefused(_("%(actor)s deltar redan i utmaningen.") % {"actor": actor.name})
        participant = Participant.objects.create(challenge=challenge, actor=actor, role=role, note=note.strip())
        label = f"{actor.name} ({participant.get_role_display()})"
        changes: Changes = {"participant": [None, label]}
        if note.strip():
            changes["note"] = [None, note.strip()]
        organisation = acting_for or challenge.lead
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
    """Remove an organisation from a challenge; the lead cannot be removed (permissions.can_remove)."""
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().select_related("lead").get(pk=participant.challenge_id)
        if participant.actor_id == challenge.lead_id:
            raise ChallengeRefused(_("Organisationen som leder utmaningen kan inte tas bort."))
        label = f"{participant.actor.name} ({participant.get_role_display()})"
        Participant.objects.filter(pk=participant.pk).delete()
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
) -> tuple[Approach, Changes]:
    """Write how `region` works on `challenge` (one approach per region), auditing exactly what changed.
    The caller has checked that `user` edits for `region` (permissions.get_region_for_approach)."""
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
        Challenge.objects.select_for_update().filter(pk=challenge.pk).first()
        approach = Approach.objects.filter(challenge=challenge, region=region).first()
        created = approach is None
        if approach is None:
            approach = Approach(challenge=challenge, region=region, created_by=author)
            changes: Changes = {field: [None, plain(value)] for field, value in values.items() if value}
        else:
            changes = {
                field: [plain(getattr(approach, field)), plain(value)]
                for field, value in values.items()
                if getattr(approach, field) != value
            }
        if created or changes:
            for field, value in values.items():
                setattr(approach, field, value)
            approach.updated_by, approach.updated_at = author, timezone.now()
            approach.save()
            action = "approach.created" if created else "approach.updated"
            record(action, approach, changes=changes, source=source, user=user, organisation=region)
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


def apply_challenge_data(rows: list[ref.ChallengeRow], *, source: str = "seed") -> SyncSummary:
    """Make the database hold the challenges in `rows` (challenges/reference_data.py), auditing each change.

    The caller must have applied the actors' reference data first. Rows are matched on natural keys:
    challenge slug; challenge + outcome order; challenge + participant actor; challenge + approach region.
    The files own the fields they give, so a second run changes nothing; a challenge's status is set only
    when it is created (afterwards it moves along its lifecycle on the site). Participants and approaches
    that organisations add on the site are left alone.
    """
    summary = SyncSummary()
    with transaction.atomic():
        actors = {a.slug: a for a in Actor.objects.exclude(kind=Actor.Kind.MUNICIPALITY)}
        existing = {c.slug: c for c in Challenge.objects.select_related("lead").prefetch_related("themes")}
        for row in rows:
            lead = actors[row.lead]
            challenge = existing.get(row.slug) or Challenge(slug=row.slug, status=row.status)
            values = {
                "title": row.title,
                "goal": row.goal,
                "description": row.description,
                "kind": row.kind,
                "lead": lead,
                "unconfirmed": row.unconfirmed,
                "source": row.source,
            }
            created = challenge.pk is None
            if created:
                values["status"] = row.status
            changes = save_tracked(challenge, values, source=source, organisation=lead, m2m={"themes": set(row.themes)})
            summary.count(created, changes)
            _sync_outcomes(challenge, row.outcomes, summary, source, lead)
            participants = [ref.ParticipantRow(row.lead, Participant.Role.LEADS, "", row.source), *row.participants]
            _sync_participants(challenge, participants, actors, summary, source, lead)
            _sync_approaches(challenge, row.approaches, actors, summary, source)
    return summary


def _sync_outcomes(
    challenge: Challenge, rows: Sequence[ref.OutcomeRow], summary: SyncSummary, source: str, lead: Actor
) -> None:
    existing = {o.order: o for o in Outcome.objects.filter(challenge=challenge).select_related("challenge")}
    for order, row in enumerate(rows, start=1):
        outcome = existing.pop(order, None) or Outcome(challenge=challenge, order=order)
        created = outcome.pk is None
        changes = save_tracked(
            outcome, {"text": row.text, "indicator": row.indicator}, source=source, organisation=lead
        )
        summary.count(created, changes)
    for outcome in existing.values():
        delete_tracked(outcome, source=source, organisation=lead)
        summary.deleted += 1


def _sync_participants(
    challenge: Challenge,
    rows: Sequence[ref.ParticipantRow],
    actors: dict[str, Actor],
    summary: SyncSummary,
    source: str,
    lead: Actor,
) -> None:
    existing = {p.actor_id: p for p in Participant.objects.filter(challenge=challenge).select_related("actor")}
    for row in rows:
        actor = actors[row.actor]
        participant = existing.get(actor.pk) or Participant(challenge=challenge, actor=actor)
        created = participant.pk is None
        values = {"role": row.role, "note": row.note, "source": row.source}
        summary.count(created, save_tracked(participant, values, source=source, organisation=lead))


def _sync_approaches(
    challenge: Challenge, rows: Sequence[ref.ApproachRow], actors: dict[str, Actor], summary: SyncSummary, source: str
) -> None:
    existing = {a.region_id: a for a in Approach.objects.filter(challenge=challenge).select_related("region")}
    for row in rows:
        region = actors[row.region]
        approach = existing.get(region.pk) or Approach(challenge=challenge, region=region)
        created = approach.pk is None
        values = {
            "summary": row.summary,
            "measures": "\n".join(row.measures),
            "status": row.status,
            "contact_name": row.contact_name,
            "contact_email": row.contact_email,
            "starts_on": row.starts_on,
            "ends_on": row.ends_on,
            "unconfirmed": row.unconfirmed,
            "source": row.source,
        }
        summary.count(created, save_tracked(approach, values, source=source, organisation=region))
