"""Who someone is on the platform. Other apps' permissions build on these predicates."""

from __future__ import annotations

from typing import Any

from django.conf import settings

COORDINATORS_GROUP = "Samordnare"


def is_coordinator(user: Any) -> bool:
    """Platform coordinators (e.g. Tillväxtverket's and Reglab's staff) and site admins.

    Until the accounts issue brings roles, a coordinator is an active member of staff (who runs the
    platform's admin), a superuser or a member of the Django group "Samordnare".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if not hasattr(user, "_krokarm_coordinator"):  # once per request, however often pages ask
        user._krokarm_coordinator = user.groups.filter(name=COORDINATORS_GROUP).exists()
    return bool(user._krokarm_coordinator)


def provider_counts_as_second_factor(user: Any) -> bool:
    """Whether a sign-in through the single sign-on provider stands for the one-time code (OIDC_TRUSTS_MFA).

    Never for site admins (staff and superusers): whoever reaches /admin/ gives their own code, whatever the
    provider does.
    """
    return bool(settings.OIDC_TRUSTS_MFA) and not (user.is_staff or user.is_superuser)


def _roles(user: Any) -> dict[int, set[str]]:
    """Actor id → the user's roles there, read once per user object (i.e. once per request: the header,
    the two-factor check, the permission checks and the inbox all ask)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached: dict[int, set[str]] | None = getattr(user, "_krokarm_roles", None)
    if cached is None:
        cached = {}
        for actor_id, role in user.affiliations.values_list("actor_id", "role"):
            cached.setdefault(actor_id, set()).add(role)
        user._krokarm_roles = cached
    return cached


def actor_ids(user: Any) -> set[int]:
    """The actors `user` works for (its affiliations); empty for anonymous or inactive users."""
    return set(_roles(user))


def roles_at(user: Any, actor_id: int) -> set[str]:
    """The roles `user` holds at the actor (empty for anonymous or inactive users)."""
    return set(_roles(user).get(actor_id, set()))


def forget_roles(user: Any) -> None:
    """After changing a user's affiliations within a request: read them again next time."""
    if hasattr(user, "_krokarm_roles"):
        del user._krokarm_roles


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


def can_reset_two_factor(user: Any, actor: Any) -> bool:
    """Who may disconnect a member's authenticator app (a lost phone): the organisation's admins, coordinators
    and site admins. The member then connects a new app at their next sign-in."""
    return can_manage_members(user, actor) or is_coordinator(user)


def needs_two_factor(user: Any) -> bool:
    """Editors, organisation admins, coordinators and site admins must sign in with a second factor."""
    from krokarm.accounts.models import Affiliation

    if not getattr(user, "is_authenticated", False):
        return False
    privileged = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
    return is_coordinator(user) or any(roles & privileged for roles in _roles(user).values())
