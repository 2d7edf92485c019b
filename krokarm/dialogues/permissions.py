"""Who may do what with dialogues.

Events, sessions, notes, proposals and follow-up actions are public: anyone may read them. The organiser's
editors and organisation admins (`can_edit_actor`) and the platform's coordinators manage an event, its
sessions and registrations, and turn proposals into follow-up actions. A session's facilitator captures its
notes, insights and proposals. Anyone who works for an organisation supports a proposal for it. A follow-up
action's owner (its editors and admins) reports progress and changes its status. A next step with no owner
(krokarm's own proposal, issue 16) may be taken on by the editors and admins of any organisation, for it.

The `get_*` helpers also find rows that are no longer current (retired by the seed because people's rows point
at them): links people follow, comment threads and the history must still open; the pages say so.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, can_edit_actor, is_coordinator, roles_at
from krokarm.actors.models import Actor
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Proposal


def can_manage_event(user: Any, event: Event) -> bool:
    """The organiser's editors and admins, or a coordinator (the only ones for an example event with no organiser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_coordinator(user) or (event.organiser is not None and can_edit_actor(user, event.organiser))


def can_capture(user: Any, session: DialogueSession) -> bool:
    """The session's facilitator, or whoever manages the event."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if session.facilitator_id is not None and session.facilitator_id == user.pk:
        return True
    return can_manage_event(user, session.event)


def supporting_actors(user: Any) -> list[Actor]:
    """The organisations `user` works for (any role), by name: those they may support a proposal for."""
    ids = actor_ids(user)
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def can_create_followups(user: Any, proposal: Proposal) -> bool:
    return can_manage_event(user, proposal.session.event)


def can_update_followup(user: Any, followup: FollowUp) -> bool:
    """The owner's editors and admins, a coordinator, or whoever manages the event the proposal came from."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_coordinator(user) or (followup.owner is not None and can_edit_actor(user, followup.owner)):
        return True
    return can_manage_event(user, followup.proposal.session.event)


def taking_on_actors(user: Any) -> list[Actor]:
    """The organisations `user` may take a next step on for, by name: those where they are an editor or admin."""
    editing = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & editing]
    return list(Actor.objects.filter(pk__in=ids).order_by("name")) if ids else []


def can_take_on(followup: FollowUp) -> bool:
    """Whether the next step is still free to take on: current and with no owner (krokarm's own proposal)."""
    return followup.owner_id is None and followup.retired_at is None


def get_event(slug: str) -> Event:
    """An event with its organiser, or 404. Events are public."""
    event = Event.all_objects.select_related("organiser").filter(slug=slug).first()
    if event is None:
        raise Http404(_("Det finns ingen dialog med den adressen."))
    return event


def get_session(event: Event, pk: int) -> DialogueSession:
    """A session of `event` with its theme and facilitator, or 404 (also when it belongs to another event)."""
    session = DialogueSession.all_objects.select_related("theme", "facilitator").filter(event=event, pk=pk).first()
    if session is None:
        raise Http404(_("Dialogpasset finns inte."))
    session.event = event
    return session


def get_proposal(pk: int) -> Proposal:
    """A proposal with its session, event and organiser, theme and challenge, or 404."""
    proposal = (
        Proposal.all_objects.select_related(
            "session__event__organiser", "session__facilitator", "theme", "challenge", "proposed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404(_("Det finns inget förslag med den adressen."))
    return proposal


def get_followup(pk: int) -> FollowUp:
    """A follow-up action with its owner and the proposal, session, event and organiser it came from, or 404."""
    followup = (
        FollowUp.all_objects.select_related("owner", "proposal__session__event__organiser", "created_by")
        .filter(pk=pk)
        .first()
    )
    if followup is None:
        raise Http404(_("Det finns inget nästa steg med den adressen."))
    return followup
