"""Who someone is on the platform. Other apps' permissions build on these predicates."""

from __future__ import annotations

from collections.abc import Iterable
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
    """Organisation admins invite people to their actor and change their roles; site admins may too. Until an
    organisation has an active administrator of its own, platform coordinators may as well: that is how the
    first person at an organisation the way in sends people to is invited (insights: "Utan mottagare")."""
    from krokarm.accounts.models import Affiliation

    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if Affiliation.Role.ADMIN in roles_at(user, actor.pk):
        return True
    return is_coordinator(user) and not has_admin(actor)


def has_admin(actor: Any) -> bool:
    from krokarm.accounts.models import Affiliation

    return Affiliation.objects.filter(actor=actor, role=Affiliation.Role.ADMIN, user__is_active=True).exists()


# Ranks for resetting someone's second factor (can_reset_two_factor): a higher number has more rights.
MEMBER_RANK, EDITOR_RANK, ORGANISATION_ADMIN_RANK, COORDINATOR_RANK, STAFF_RANK, SITE_ADMIN_RANK = range(6)


def two_factor_rank(user: Any) -> int:
    """How much `user` can change on the platform: site admin (superuser) > staff > coordinator > organisation
    admin (anywhere) > editor (anywhere) > member."""
    from krokarm.accounts.models import Affiliation

    if user.is_superuser:
        return SITE_ADMIN_RANK
    if user.is_staff:
        return STAFF_RANK
    if is_coordinator(user):
        return COORDINATOR_RANK
    roles = set().union(*_roles(user).values())
    if Affiliation.Role.ADMIN in roles:
        return ORGANISATION_ADMIN_RANK
    return EDITOR_RANK if Affiliation.Role.EDITOR in roles else MEMBER_RANK


def can_reset_two_factor(user: Any, target: Any, organisation: Any = None) -> bool:
    """Who may disconnect someone else's authenticator app (a lost phone), so that they connect a new one.

    A reset is a way into someone's account for whoever also knows the password, so nobody resets the second
    factor of someone with as many rights as themselves or more (security finding, December 2026):

    - a site admin (superuser) may reset anyone else's, other site admins' included;
    - staff and coordinators only of people of a lower rank (two_factor_rank): a coordinator never another
      coordinator, staff member or site admin;
    - an organisation admin only of the members and editors of an organisation they administer (of
      `organisation` when given), and never of someone who is an organisation admin anywhere or ranks higher;
    - nobody resets their own this way: they remove their app on their account page, with their password.

    Every reset is told to the person and needs their e-mail before a new app is connected
    (actions.reset_two_factor). Inactive users reset nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.pk == target.pk:
        return False
    if user.is_superuser:
        return True
    rank = two_factor_rank(user)
    if two_factor_rank(target) >= rank:
        return False
    if rank >= COORDINATOR_RANK:
        return True
    if rank != ORGANISATION_ADMIN_RANK:
        return False
    from krokarm.accounts.models import Affiliation

    administered = {actor_id for actor_id, roles in _roles(user).items() if Affiliation.Role.ADMIN in roles}
    if organisation is not None:
        administered &= {organisation.pk}
    return bool(administered & set(_roles(target)))


def prime_roles(users: Iterable[Any]) -> None:
    """Read the roles and coordinator membership of many users in one query, for pages that ask the
    predicates above about every row (e.g. the members page's reset buttons)."""
    from django.contrib.auth.models import Group
    from django.db.models import Exists, OuterRef

    from krokarm.accounts.models import Affiliation

    pending = {user.pk: user for user in users if not hasattr(user, "_krokarm_roles")}
    if not pending:
        return
    coordinator = Exists(Group.objects.filter(name=COORDINATORS_GROUP, user=OuterRef("user_id")))
    rows = (
        Affiliation.objects.filter(user_id__in=pending)
        .annotate(coordinator=coordinator)
        .values_list("user_id", "actor_id", "role", "coordinator")
    )
    roles: dict[int, dict[int, set[str]]] = {pk: {} for pk in pending}
    for user_id, actor_id, role, is_in_group in rows:
        roles[user_id].setdefault(actor_id, set()).add(role)
        pending[user_id]._krokarm_coordinator = bool(is_in_group)  # unset without affiliations: asked if needed
    for pk, user in pending.items():
        user._krokarm_roles = roles[pk] if user.is_active else {}


# The session key that says this sign-in opened the e-mailed link after a reset (accounts.views.two_factor_link).
LINK_OPENED_SESSION_KEY = "two_factor_link_opened"


def can_connect_two_factor_app(user: Any, session: Any) -> bool:
    """Whether this signed-in session may connect an authenticator app: always, unless someone else reset the
    user's app (actions.reset_two_factor); then only once the link e-mailed to them has been opened in it, so
    that the password alone is not enough to put one's own app on someone's account."""
    from krokarm.accounts.actions import two_factor_reset_pending

    if session.get(LINK_OPENED_SESSION_KEY) == user.pk:
        return True
    return not two_factor_reset_pending(user)


def needs_two_factor(user: Any) -> bool:
    """Editors, organisation admins, coordinators and site admins must sign in with a second factor."""
    from krokarm.accounts.models import Affiliation

    if not getattr(user, "is_authenticated", False):
        return False
    privileged = {Affiliation.Role.EDITOR, Affiliation.Role.ADMIN}
    return is_coordinator(user) or any(roles & privileged for roles in _roles(user).values())
