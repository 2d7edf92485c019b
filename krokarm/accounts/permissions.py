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
