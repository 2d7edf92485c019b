"""Who someone is on the platform. Other apps' permissions build on these predicates."""

from __future__ import annotations

from typing import Any

COORDINATORS_GROUP = "Samordnare"


def is_coordinator(user: Any) -> bool:
    """Platform coordinators (e.g. Tillväxtverket's and Reglab's staff) and site admins.

    Until the accounts issue brings roles, a coordinator is an active member of staff (who runs the
    platform's admin), a superuser or a member of the Django group "Samordnare".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP).exists())


def actor_ids(user: Any) -> set[int]:
    """The actors `user` works for (its affiliations); empty for anonymous or inactive users."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(user.affiliations.values_list("actor_id", flat=True))


def roles_at(user: Any, actor_id: int) -> set[str]:
    """The roles `user` holds at the actor (empty for anonymous or inactive users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(user.affiliations.filter(actor_id=actor_id).values_list("role", flat=True))


def can_edit_actor(user: Any, actor: Any) -> bool:
    """Only an actor's editors and organisation admins change its profile, responsibilities and services;
    site admins (superusers) may too."""
    from krokarm.accounts.models import Affiliation

    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_at(user, actor.pk) & {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN})


def can_manage_members(user: Any, actor: Any) -> bool:
    """Organisation admins invite people to their actor and change their roles; site admins may too."""
    from krokarm.accounts.models import Affiliation

    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return Affiliation.Role.ADMIN in roles_at(user, actor.pk)


def needs_two_factor(user: Any) -> bool:
    """Editors, organisation admins, coordinators and site admins must sign in with a second factor."""
    from krokarm.accounts.models import Affiliation

    if not getattr(user, "is_authenticated", False):
        return False
    privileged = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
    return is_coordinator(user) or user.affiliations.filter(role__in=privileged).exists()
