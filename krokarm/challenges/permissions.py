"""Who may do what with challenges.

Challenges are public: anyone may read them, their participants and the regions' approaches.
- Any editor (or organisation admin) of an organisation may propose a challenge; the organisation leads it.
- The lead's editors and platform coordinators change it, move it along its lifecycle and manage participants.
- An organisation's editors may join their own organisation as a contributor ("bidrar").
- A region's editors describe how their own region works on a challenge (its approach), and nobody else's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.models import Affiliation
from krokarm.accounts.permissions import actor_ids, can_edit_actor, is_coordinator, roles_at
from krokarm.actors.models import Actor
from krokarm.challenges.actions import NO_LONGER_CURRENT
from krokarm.challenges.models import Challenge, Participant
from krokarm.lib.errors import Refused
from krokarm.needs.models import Need

EDITING_ROLES = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
# Municipalities take part through their region; the list of organisations that may lead stays readable.
NOT_LEADING = [Actor.Kind.MUNICIPALITY]


def _is_site_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def editable_actors(user: Any) -> list[Actor]:
    """The organisations `user` edits for, by name (one query; none for anonymous visitors)."""
    actors = Actor.objects.exclude(kind__in=NOT_LEADING).order_by("name")
    if _is_site_admin(user):
        return list(actors)
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & EDITING_ROLES]
    return list(actors.filter(pk__in=ids)) if ids else []


def own_regions(user: Any) -> list[Actor]:
    """The regions `user` is an editor of through their affiliations: those a challenge page asks them to
    describe. Site admins may write any region's approach but are not asked for all 21."""
    ids = [actor_id for actor_id in actor_ids(user) if roles_at(user, actor_id) & EDITING_ROLES]
    return list(Actor.objects.filter(pk__in=ids, kind=Actor.Kind.REGION).order_by("name")) if ids else []


def can_propose(user: Any) -> bool:
    return bool(editable_actors(user))


def can_manage(user: Any, challenge: Challenge) -> bool:
    """The lead's editors and the platform's coordinators steer a challenge."""
    return is_coordinator(user) or can_edit_actor(user, challenge.lead)


def can_write_approach(user: Any, region: Actor) -> bool:
    return region.kind == Actor.Kind.REGION and can_edit_actor(user, region)


def can_remove(user: Any, participant: Participant) -> bool:
    """The lead stays (change the lead by editing); others are removed by those who steer, or leave themselves."""
    if participant.role == Participant.Role.LEADS and participant.actor_id == participant.challenge.lead_id:
        return False
    return can_manage(user, participant.challenge) or can_edit_actor(user, participant.actor)


def joinable_actors(user: Any, challenge: Challenge, taking_part: set[int]) -> list[Actor]:
    """The organisations `user` edits for that do not yet take part in `challenge`."""
    if not getattr(user, "is_authenticated", False) or _is_site_admin(user):
        return []  # a site admin adds organisations on the participants page instead of joining as all of them
    return [actor for actor in editable_actors(user) if actor.pk not in taking_part]


def can_make_challenge_of(user: Any, need: Need) -> bool:
    """A need's region's editors may take it further as a challenge, once."""
    return need.status != Need.Status.BECAME_CHALLENGE and can_edit_actor(user, need.region)


def get_challenge(slug: str) -> Challenge:
    """A challenge with its lead and the need it came from, or 404. Challenges are public; one that is no longer
    current (`retired_at`) still opens, since people reach it through links, comments and follows (the actions
    refuse to change it)."""
    challenge = Challenge.all_objects.select_related("lead", "from_need__region").filter(slug=slug).first()
    if challenge is None:
        raise Http404(_("Det finns ingen utmaning med den adressen."))
    return challenge


def get_challenge_for_managing(user: Any, slug: str) -> Challenge:
    """A challenge `user` may change; 404 if there is none, 403 if they do not steer it, 409 (Refused) if it is
    no longer current."""
    challenge = get_challenge(slug)
    if not can_manage(user, challenge):
        raise PermissionDenied
    if challenge.retired_at is not None:
        raise Refused(NO_LONGER_CURRENT)
    return challenge


def get_region_for_approach(user: Any, region_slug: str) -> Actor:
    """The region whose approach `user` writes; 404 for no region, 403 for another region's."""
    region = Actor.objects.filter(slug=region_slug, kind=Actor.Kind.REGION).first()
    if region is None:
        raise Http404(_("Det finns ingen region med den adressen."))
    if not can_write_approach(user, region):
        raise PermissionDenied
    return region


def get_participant_for_removing(user: Any, challenge: Challenge, pk: int) -> Participant:
    """A participant `user` may remove; 404 if there is none, 403 if they may not. One removed already is found
    too, so that the action can say so (409) to the second of two people removing it at once."""
    participant = Participant.all_objects.select_related("actor").filter(challenge=challenge, pk=pk).first()
    if participant is None:
        raise Http404(_("Organisationen deltar inte i utmaningen."))
    participant.challenge = challenge
    if not can_remove(user, participant):
        raise PermissionDenied
    return participant


def ensure_can_propose(user: Any) -> list[Actor]:
    """The organisations `user` may propose a challenge for; 403 if none."""
    actors = editable_actors(user)
    if not actors:
        raise PermissionDenied
    return actors


def get_need_for_challenge(user: Any, pk: str) -> Need | None:
    """The need a new challenge starts from (`?behov=<pk>`): None without one; 404/403 as for the need."""
    if not pk:
        return None
    need = Need.objects.select_related("region").filter(pk=int(pk)).first() if pk.isdigit() else None
    if need is None:
        raise Http404(_("Det finns inget behov med den adressen."))
    if not can_make_challenge_of(user, need):
        raise PermissionDenied
    return need
