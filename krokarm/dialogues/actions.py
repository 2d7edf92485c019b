"""The only writes to dialogues. Each runs in one transaction with its audit row.

Events, sessions, notes, proposals, supports and follow-up actions are shown on public pages, so their audit
rows are public (they move the page cache's version, audit/cache.py); so are registrations, since an event's
page shows how many places are left. Each row names the organisation acted for: the organiser for an event,
its sessions, notes and proposals; the registering or supporting organisation for a registration or a
support; the owner for a follow-up action's progress.

Notifications (krokarm.notifications): a new event tells the followers of its organiser and of the invited
organisations; a change tells the event's followers. A person follows their own registration (source
"system"), so that moving up from the waitlist reaches them and nobody else. A new proposal tells the event's
followers; its author follows it. A follow-up action is followed by its owner's editors (source "system", as
knowledge/actions.py does for access requests), who hear that it is theirs; progress tells the proposal's and
the action's followers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import actor_ids, can_edit_actor
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, check_version, plain, record, save_tracked
from krokarm.challenges.models import Challenge
from krokarm.dialogues.models import (
    NOTE_LENGTH,
    PROGRESS_LENGTH,
    PROPOSAL_TEXT_LENGTH,
    TITLE_LENGTH,
    DialogueSession,
    Event,
    FollowUp,
    Note,
    Progress,
    Proposal,
    Registration,
    Support,
)
from krokarm.lib.errors import Refused
from krokarm.notifications.actions import follow, notify_followers

SOURCE = "web"
# Told to those who follow the organiser or an invited organisation; %(label)s is the organiser's name.
NEW_EVENT = gettext_lazy("%(label)s bjuder in till ”%(title)s” den %(date)s")
# Told to those who follow the event; %(label)s is its title.
EVENT_CHANGED = gettext_lazy("Dialogen ”%(label)s” har ändrats")
NEW_SESSION = gettext_lazy("Dialogen ”%(label)s” har ett nytt dialogpass: ”%(title)s”")
NEW_PROPOSAL = gettext_lazy("Ett nytt förslag från dialogen ”%(label)s”: ”%(title)s”")
# Told to the person who moved up from the waitlist (they follow their registration).
PROMOTED = gettext_lazy("En plats har blivit ledig: du är nu anmäld till ”%(event)s”")
# Told to those who follow the proposal; %(label)s is its title.
NEW_SUPPORT = gettext_lazy("%(organisation)s stöder förslaget ”%(label)s”")
NEW_FOLLOWUP = gettext_lazy("Förslaget ”%(label)s” har ett nytt nästa steg: ”%(title)s” (%(owner)s)")
# Told to the owner's editors, who follow the new follow-up action; %(label)s is its title.
FOLLOWUP_ASSIGNED = gettext_lazy("%(organisation)s är ansvarig för nästa steg ”%(label)s”, klart senast %(due)s")
# Told to those who follow the proposal or the follow-up action.
FOLLOWUP_PROGRESS = gettext_lazy("Nästa steg ”%(title)s” har en ny lägesrapport: %(status)s")

EVENT_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "all_day",
    "place",
    "online_url",
    "description",
    "agenda",
    "capacity",
    "registration_closes_at",
    "source_url",
    "organiser",
)


class DialogueRefused(Refused):
    """The change cannot be made; the message says why, in Swedish, for the person who tried. A view that does
    not catch it still answers 409 with the message (krokarm.home.middleware.RefusedMiddleware)."""


# Said when people try to add to something that data/dialogues no longer holds (it is kept only for what
# people's rows point at; see seeding.py).
EVENT_RETIRED = gettext_lazy("Dialogen gäller inte längre. Det går inte att anmäla sig eller lägga till något i den.")
SESSION_RETIRED = gettext_lazy("Dialogpasset gäller inte längre. Det går inte att anteckna i det.")
PROPOSAL_RETIRED = gettext_lazy(
    "Förslaget gäller inte längre. Det går inte att stödja det eller lägga till nästa steg."
)
FOLLOWUP_RETIRED = gettext_lazy("Nästa steg gäller inte längre. Det går inte att rapportera läget för det.")
FOLLOWUP_RETIRED_TAKE_ON = gettext_lazy("Nästa steg gäller inte längre. Det går inte att ta på sig det.")


class FollowUpTaken(DialogueRefused):
    """The next step already has an owner: another organisation (or a colleague) took it on first."""

    code = "taken"


def unique_slug(title: str, *, taken: Iterable[str] = ()) -> str:
    """A free address for an event titled `title`; retired events keep theirs (links to them still open)."""
    base = (slugify(title) or "dialog")[:70].strip("-")
    used = set(taken) | set(Event.all_objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _signed_in(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _text(text: str, limit: int, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DialogueRefused(missing)
    if len(text) > limit:
        raise DialogueRefused(
            _("Texten är för lång: skriv högst %(limit)d tecken (nu %(count)d).") % {"limit": limit, "count": len(text)}
        )
    return text


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime, closes_at: dt.datetime | None) -> None:
    if ends_at < starts_at:
        raise DialogueRefused(_("Dialogen kan inte sluta innan den börjar."))
    if closes_at is not None and closes_at > starts_at:
        raise DialogueRefused(_("Sista anmälningsdag måste vara innan dialogen börjar."))


# Events --------------------------------------------------------------------------------------------------------


def create_event(
    *,
    user: Any,
    organiser: Actor,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    all_day: bool = False,
    place: str = "",
    online_url: str = "",
    description: str = "",
    agenda: str = "",
    capacity: int | None = None,
    registration_closes_at: dt.datetime | None = None,
    invited: Iterable[Actor] = (),
    source: str = SOURCE,
) -> Event:
    """Publish an event organised by `organiser`, with a unique slug made from the title. The caller has
    checked that `user` may (the organiser's editors, or a coordinator). An `all_day` event runs from midnight to
    midnight of its day, Swedish time (reference_data.whole_day)."""
    title = _text(title, TITLE_LENGTH, _("Skriv en rubrik."))
    if kind not in Event.Kind.values:
        raise DialogueRefused(_("Välj vilken typ av träff det är."))
    _check_times(starts_at, ends_at, registration_closes_at)
    invited = list(invited)
    values = {
        "title": title,
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "all_day": all_day,
        "place": place.strip(),
        "online_url": online_url.strip(),
        "organiser": organiser,
        "description": description.strip(),
        "agenda": agenda.strip(),
        "capacity": capacity,
        "registration_closes_at": registration_closes_at,
        "created_by": _signed_in(user),
    }
    with transaction.atomic():
        event = _create_with_free_slug(values)
        event.invited.set(invited)
        changes: Changes = {
            field: [None, plain(getattr(event, field))]
            for field in EVENT_FIELDS
            if getattr(event, field) not in ("", None)
        }
        changes["invited"] = [[], sorted(actor.slug for actor in invited)]
        record("event.created", event, changes=changes, source=source, user=user, organisation=organiser)
        if _signed_in(user):
            follow(user, event, source=source)
        notify_followers(
            organiser,
            NEW_EVENT,
            event.get_absolute_url(),
            exclude=user,
            params={"title": event.title, "date": timezone.localtime(event.starts_at).date()},
            also=invited,
        )
        return event


def _create_with_free_slug(values: dict[str, Any]) -> Event:
    """Insert the event under a free slug. Two events with the same title created at the same instant both
    find the same free slug; the unique index refuses the second, which then takes the next one."""
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: the refused insert is undone, the transaction goes on
                return Event.objects.create(slug=unique_slug(values["title"]), **values)
        except IntegrityError:
            continue
    raise DialogueRefused(_("Det gick inte att spara dialogen just nu. Försök igen om en liten stund."))


def update_event(
    event: Event, *, user: Any, source: str = SOURCE, expected_version: int | None = None, **values: Any
) -> Changes:
    """Change an event's fields (any of EVENT_FIELDS, and `invited`), auditing exactly what changed. More
    places (or no limit) move people up from the waitlist. Only the fields given are written; with
    `expected_version` (the version the editor's form showed) an event changed since raises audit.actions.Stale
    and nothing is written. The caller has checked that `user` may (permissions.can_manage_event). Returns the
    changes (empty if none); `event` holds the stored row afterwards."""
    unknown = set(values) - set(EVENT_FIELDS) - {"invited"}
    if unknown:
        raise TypeError(f"update_event() got unknown fields: {', '.join(sorted(unknown))}")
    invited = values.pop("invited", None)
    for field in ("title", "place", "online_url", "description", "agenda", "source_url"):
        if field in values:
            values[field] = (values[field] or "").strip()
    if "title" in values:
        values["title"] = _text(values["title"], TITLE_LENGTH, _("Skriv en rubrik."))
    if "kind" in values and values["kind"] not in Event.Kind.values:
        raise DialogueRefused(_("Välj vilken typ av träff det är."))
    m2m = None if invited is None else {"invited": {actor.slug for actor in invited}}
    with transaction.atomic():
        stored = Event.all_objects.select_related("organiser").select_for_update(of=("self",)).get(pk=event.pk)
        check_version(stored, expected_version)
        _check_times(
            values.get("starts_at", stored.starts_at),
            values.get("ends_at", stored.ends_at),
            values.get("registration_closes_at", stored.registration_closes_at),
        )
        changes = save_tracked(
            stored,
            values,
            source=source,
            user=user,
            organisation=stored.organiser,
            m2m=m2m,
            fresh=True,
            action="event.updated",
        )
        if changes:
            stored.updated_at = timezone.now()
            Event.all_objects.filter(pk=stored.pk).update(updated_at=stored.updated_at)
            notify_followers(stored, EVENT_CHANGED, exclude=user)
            if "capacity" in changes:
                _fill_from_waitlist(stored, source=source)
        for concrete in Event._meta.concrete_fields:
            setattr(event, concrete.attname, getattr(stored, concrete.attname))
        return changes


# Registrations -------------------------------------------------------------------------------------------------


def register(event: Event, *, user: Any, actor: Actor, source: str = SOURCE) -> Registration:
    """`user` registers for `event`, coming for `actor`. On the waitlist when every place is taken. Refused
    (DialogueRefused) when the event is over or no longer current, registration has closed, the user is already
    registered or on the waitlist, or does not work for `actor`. A cancelled registration is taken up again.

    The event row is locked while the places are counted, so two people taking the last place at the same
    instant get one place and one waitlist spot: the event is never overbooked."""
    if not _signed_in(user):
        raise DialogueRefused(_("Logga in för att anmäla dig."))
    if actor.pk not in actor_ids(user):
        raise DialogueRefused(_("Du kan bara anmäla dig för en organisation du tillhör."))
    with transaction.atomic():
        event = Event.all_objects.select_for_update().get(pk=event.pk)
        now = timezone.now()
        if event.retired_at is not None:
            raise DialogueRefused(EVENT_RETIRED)
        if event.ends_at < now:
            raise DialogueRefused(_("Dialogen är redan genomförd. Det går inte att anmäla sig."))
        if not event.registration_open:
            raise DialogueRefused(_("Anmälan till dialogen är stängd."))
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.status != Registration.Status.CANCELLED:
            if registration.status == Registration.Status.WAITLIST:
                raise DialogueRefused(_("Du står redan på väntelistan till den här dialogen."))
            raise DialogueRefused(_("Du är redan anmäld till den här dialogen."))
        taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
        full = event.capacity is not None and taken >= event.capacity
        status = Registration.Status.WAITLIST if full else Registration.Status.REGISTERED
        if registration is None:
            registration = Registration.objects.create(event=event, user=user, actor=actor, status=status)
            changes: Changes = {"status": [None, status], "actor": [None, actor.name]}
            action = "registration.created"
        else:
            changes = {"status": [registration.status, status]}
            if registration.actor_id != actor.pk:
                changes["actor"] = [plain(registration.actor), actor.name]
            registration.actor, registration.status, registration.created_at = actor, status, now
            registration.save(update_fields=["actor", "status", "created_at"])
            action = "registration.renewed"
        record(action, registration, changes=changes, source=source, user=user, organisation=actor)
        follow(user, registration, source="system")  # to hear when a place becomes free
        follow(user, event, source=source)
        return registration


def cancel_registration(registration: Registration, *, user: Any, source: str = SOURCE) -> Registration:
    """Cancel a registration (the person's own, or by the event's managers: the caller has checked). A
    place that becomes free goes to the first on the waitlist, who is told. Cancelling twice writes nothing."""
    with transaction.atomic():
        event = Event.all_objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_related("actor").get(pk=registration.pk)
        registration.event = event
        if registration.status == Registration.Status.CANCELLED:
            return registration
        old = registration.status
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        changes: Changes = {"status": [old, registration.status]}
        record(
            "registration.cancelled",
            registration,
            changes=changes,
            source=source,
            user=user,
            organisation=registration.actor,
        )
        if old == Registration.Status.REGISTERED:
            _fill_from_waitlist(event, source=source)
        return registration


def _fill_from_waitlist(event: Event, *, source: str) -> list[Registration]:
    """Move people up from the waitlist, first come first served, while there are free places."""
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLIST).select_related("actor")
    if event.capacity is None:
        promoted = list(waiting.order_by("created_at", "pk"))
    else:
        taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
        free = max(event.capacity - taken, 0)
        promoted = list(waiting.order_by("created_at", "pk")[:free]) if free else []
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        changes: Changes = {"status": [Registration.Status.WAITLIST, Registration.Status.REGISTERED]}
        record("registration.promoted", registration, changes=changes, source=source, organisation=registration.actor)
        notify_followers(registration, PROMOTED, event.get_absolute_url(), params={"event": event.title})
    return promoted


# Sessions, notes and proposals ---------------------------------------------------------------------------------


def add_session(
    event: Event,
    *,
    user: Any,
    title: str,
    theme: Theme | None = None,
    facilitator: Any = None,
    facilitator_name: str = "",
    starts_at: dt.datetime | None = None,
    description: str = "",
    participants: Iterable[Actor] = (),
    source: str = SOURCE,
) -> DialogueSession:
    """Add a session to `event`, last in order. The caller has checked that `user` may
    (permissions.can_manage_event)."""
    title = _text(title, TITLE_LENGTH, _("Skriv passets ämne."))
    participants = list(participants)
    with transaction.atomic():
        event = Event.all_objects.select_related("organiser").select_for_update(of=("self",)).get(pk=event.pk)
        if event.retired_at is not None:
            raise DialogueRefused(EVENT_RETIRED)
        sessions = DialogueSession.all_objects.filter(event=event)
        last = sessions.order_by("-position").values_list("position", flat=True)
        session = DialogueSession.objects.create(
            event=event,
            title=title,
            theme=theme,
            facilitator=facilitator,
            facilitator_name=facilitator_name.strip(),
            starts_at=starts_at,
            description=description.strip(),
            position=(last.first() or 0) + 1,
        )
        session.participants.set(participants)
        changes: Changes = {
            "title": [None, title],
            "theme": [None, plain(theme)],
            "facilitator": [None, plain(facilitator)],
            "facilitator_name": [None, session.facilitator_name or None],
            "starts_at": [None, plain(starts_at)],
            "description": [None, session.description or None],
            "participants": [[], sorted(actor.slug for actor in participants)],
        }
        record(
            "dialoguesession.created", session, changes=changes, source=source, user=user, organisation=event.organiser
        )
        notify_followers(event, NEW_SESSION, session.get_absolute_url(), exclude=user, params={"title": title})
        return session


def capture_note(session: DialogueSession, *, user: Any, kind: str, text: str, source: str = SOURCE) -> Note:
    """Write a note or an insight in `session`. The caller has checked that `user` may
    (permissions.can_capture)."""
    if kind not in Note.Kind.values:
        raise DialogueRefused(_("Välj om det är en anteckning eller en insikt."))
    text = _text(text, NOTE_LENGTH, _("Skriv anteckningen."))
    with transaction.atomic():
        _current_session(session)
        organiser = Actor.objects.filter(organised_events=session.event_id).first()
        note = Note.objects.create(session=session, kind=kind, text=text, author=_signed_in(user))
        changes: Changes = {"kind": [None, kind], "text": [None, text]}
        record("note.created", note, changes=changes, source=source, user=user, organisation=organiser)
        return note


def capture_proposal(
    session: DialogueSession,
    *,
    user: Any,
    title: str,
    text: str,
    theme: Theme | None = None,
    challenge: Challenge | None = None,
    source: str = SOURCE,
) -> Proposal:
    """Write a proposal that came out of `session`; its author follows it and the event's followers are told.
    The caller has checked that `user` may (permissions.can_capture)."""
    title = _text(title, TITLE_LENGTH, _("Skriv en rubrik för förslaget."))
    text = _text(text, PROPOSAL_TEXT_LENGTH, _("Beskriv förslaget."))
    with transaction.atomic():
        _current_session(session)
        event = Event.all_objects.select_related("organiser").get(pk=session.event_id)
        proposal = Proposal.objects.create(
            session=session, title=title, text=text, theme=theme, challenge=challenge, proposed_by=_signed_in(user)
        )
        changes: Changes = {
            "title": [None, title],
            "text": [None, text],
            "theme": [None, plain(theme)],
            "challenge": [None, plain(challenge)],
            "status": [None, proposal.status],
        }
        record("proposal.created", proposal, changes=changes, source=source, user=user, organisation=event.organiser)
        if _signed_in(user):
            follow(user, proposal, source=source)
        notify_followers(event, NEW_PROPOSAL, proposal.get_absolute_url(), exclude=user, params={"title": title})
        return proposal


def _current_session(session: DialogueSession) -> None:
    """Lock the session's row until the transaction ends (so the seed cannot retire it meanwhile) and refuse
    when it is no longer current."""
    if DialogueSession.all_objects.select_for_update().get(pk=session.pk).retired_at is not None:
        raise DialogueRefused(SESSION_RETIRED)


def support_proposal(proposal: Proposal, *, user: Any, actor: Actor, source: str = SOURCE) -> Support:
    """`user` supports `proposal` for `actor`, an organisation they work for. Refused when the organisation
    already supports it (once per organisation) or the proposal is no longer current. The proposal row is
    locked first, so two colleagues supporting at the same instant get one support and one refusal."""
    if actor.pk not in actor_ids(user):
        raise DialogueRefused(_("Du kan bara stödja förslag för en organisation du tillhör."))
    with transaction.atomic():
        proposal = Proposal.all_objects.select_for_update().get(pk=proposal.pk)
        if proposal.retired_at is not None:
            raise DialogueRefused(PROPOSAL_RETIRED)
        if Support.objects.filter(proposal=proposal, actor=actor).exists():
            raise DialogueRefused(_("%(actor)s stöder redan förslaget.") % {"actor": actor.name})
        support = Support.objects.create(proposal=proposal, actor=actor, user=_signed_in(user))
        changes: Changes = {"actor": [None, actor.name]}
        record("support.created", support, changes=changes, source=source, user=user, organisation=actor)
        notify_followers(proposal, NEW_SUPPORT, exclude=user, params={"organisation": actor.name})
        follow(user, proposal, source=source)
        return support


# Follow-up actions ---------------------------------------------------------------------------------------------


def create_followup(
    proposal: Proposal,
    *,
    user: Any,
    title: str,
    owner: Actor,
    due_on: dt.date,
    description: str = "",
    link: str = "",
    source: str = SOURCE,
) -> FollowUp:
    """Turn `proposal` into a follow-up action owned by `owner`, due on `due_on`. The proposal becomes
    "Omsatt i åtgärder"; the owner's editors follow the action and are told; the proposal's followers too.
    The caller has checked that `user` may (permissions.can_create_followups)."""
    title = _text(title, TITLE_LENGTH, _("Skriv vad som ska göras."))
    link = _check_link(link)
    with transaction.atomic():
        proposal = (
            Proposal.all_objects.select_related("session__event__organiser")
            .select_for_update(of=("self",))
            .get(pk=proposal.pk)
        )
        if proposal.retired_at is not None:
            raise DialogueRefused(PROPOSAL_RETIRED)
        followup = FollowUp.objects.create(
            proposal=proposal,
            title=title,
            description=description.strip(),
            owner=owner,
            due_on=due_on,
            link=link,
            created_by=_signed_in(user),
        )
        changes: Changes = {
            "title": [None, title],
            "owner": [None, owner.name],
            "due_on": [None, plain(due_on)],
            "status": [None, followup.status],
            "description": [None, followup.description or None],
            "link": [None, link or None],
        }
        organiser = proposal.session.event.organiser
        record("followup.created", followup, changes=changes, source=source, user=user, organisation=organiser)
        save_tracked(
            proposal,
            {"status": Proposal.Status.IN_PROGRESS},
            source=source,
            user=user,
            organisation=organiser,
            fresh=True,
        )
        for editor in _editors(owner):
            follow(editor, followup, source="system")
        notify_followers(
            followup,
            FOLLOWUP_ASSIGNED,
            exclude=user,
            params={"organisation": owner.name, "due": due_on},
        )
        notify_followers(
            proposal,
            NEW_FOLLOWUP,
            followup.get_absolute_url(),
            exclude=user,
            params={"title": title, "owner": owner.name},
        )
        return followup


def update_followup(
    followup: FollowUp,
    *,
    user: Any,
    status: str,
    text: str = "",
    source: str = SOURCE,
    expected_version: int | None = None,
) -> Progress:
    """Report progress on a follow-up action: a note and the status after it (which may be unchanged). The
    proposal's and the action's followers are told. Refused for an unknown status, and for a note that says
    nothing new (no text and the same status). With `expected_version` (the version the owner's form showed), a
    next step changed since (another owner moved its status) raises audit.actions.Stale and nothing is written,
    so a status chosen on an old page never silently undoes a newer one. The caller has checked that `user` may
    (permissions.can_update_followup)."""
    if status not in FollowUp.Status.values:
        raise DialogueRefused(_("Välj en status."))
    text = (text or "").strip()
    if len(text) > PROGRESS_LENGTH:
        raise DialogueRefused(
            _("Texten är för lång: skriv högst %(limit)d tecken (nu %(count)d).")
            % {"limit": PROGRESS_LENGTH, "count": len(text)}
        )
    with transaction.atomic():
        followup = (
            FollowUp.all_objects.select_related("owner", "proposal").select_for_update(of=("self",)).get(pk=followup.pk)
        )
        check_version(followup, expected_version)
        if followup.retired_at is not None:
            raise DialogueRefused(FOLLOWUP_RETIRED)
        if not text and followup.status == status:
            raise DialogueRefused(_("Skriv en lägesbeskrivning eller välj en ny status."))
        progress = Progress.objects.create(followup=followup, text=text, status=status, user=_signed_in(user))
        changes: Changes = {"text": [None, text or None], "status": [None, status]}
        record("progress.created", progress, changes=changes, source=source, user=user, organisation=followup.owner)
        owner = followup.owner
        if save_tracked(followup, {"status": status}, source=source, user=user, organisation=owner, fresh=True):
            followup.updated_at = timezone.now()
            FollowUp.all_objects.filter(pk=followup.pk).update(updated_at=followup.updated_at)
        notify_followers(
            followup.proposal,
            FOLLOWUP_PROGRESS,
            followup.get_absolute_url(),
            exclude=user,
            params={"title": followup.title, "status": str(FollowUp.Status(status).label)},
            also=[followup],
        )
        return progress


def take_on_followup(
    followup: FollowUp,
    *,
    user: Any,
    actor: Actor,
    source: str = SOURCE,
    expected_version: int | None = None,
) -> FollowUp:
    """`actor` takes on `followup`, a next step with no owner (krokarm's own proposal, issue 16): it becomes the
    owner, `taken_on_at` says when, and the audit row says who did it for which organisation. The owner's editors
    follow it; they and the proposal's and the action's followers are told.

    `user` must edit for `actor` (refused with 403 otherwise). The row is locked while its owner is read, so of
    two organisations taking it on at the same instant the second is refused (FollowUpTaken, 409) and nothing of
    theirs is written; with `expected_version` (the version the page showed) a next step changed since raises
    audit.actions.Stale. Returns the stored row; `followup` holds it too."""
    if not _signed_in(user) or not can_edit_actor(user, actor):
        raise DialogueRefused(
            _("Du kan bara ta på dig nästa steg för en organisation du är redaktör för."), code="forbidden", status=403
        )
    with transaction.atomic():
        # Locked alone, its owner read after the lock: joined to the owner in the locking query, PostgreSQL would
        # give a transaction that waited for the lock the updated row but the owner as it was before (none).
        stored = FollowUp.all_objects.select_for_update().get(pk=followup.pk)
        if stored.retired_at is not None:
            raise DialogueRefused(FOLLOWUP_RETIRED_TAKE_ON)
        owner = stored.owner  # read now, after the lock
        if owner is not None:
            # Checked before the version: "someone took it first" says more than "it changed meanwhile".
            raise FollowUpTaken(
                _("%(organisation)s ansvarar redan för det här nästa steget.") % {"organisation": owner.name}
            )
        check_version(stored, expected_version)
        now = timezone.now()
        # `reconstructed` stays: krokarm still wrote the text (see models.FollowUp); the commitment is the owner's.
        save_tracked(
            stored,
            {"owner": actor, "taken_on_at": now},
            source=source,
            user=user,
            organisation=actor,
            fresh=True,
            action="followup.taken_on",
        )
        stored.updated_at = now
        FollowUp.all_objects.filter(pk=stored.pk).update(updated_at=now)
        for editor in _editors(actor):
            follow(editor, stored, source="system")
        notify_followers(
            stored,
            FOLLOWUP_ASSIGNED,
            exclude=user,
            params={"organisation": actor.name, "due": stored.due_on},
            also=[stored.proposal],
        )
        for concrete in FollowUp._meta.concrete_fields:
            setattr(followup, concrete.attname, getattr(stored, concrete.attname))
        followup.owner = actor
        return stored


def _check_link(link: str) -> str:
    """A follow-up action links to a page inside krokarm: a path starting with one slash."""
    link = (link or "").strip()
    if link and (not link.startswith("/") or link.startswith("//") or " " in link):
        raise DialogueRefused(_("Länken ska vara en sökväg i krokarm som börjar med /, till exempel /fraga/."))
    return link


def _editors(owner: Actor) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            affiliations__actor=owner,
            affiliations__role__in=[Affiliation.Role.EDITOR, Affiliation.Role.ADMIN],
        ).distinct()
    )
