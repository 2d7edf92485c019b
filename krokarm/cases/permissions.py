"""Who may see and handle cases.

Anyone may send a question, without an account. The asker sees a case only through its secret
status link. Only the staff of the actor that holds a case (users affiliated with it), and the
platform's coordinators, see and handle it; everyone else gets 404, so a reference number reveals
nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from krokarm.accounts.actions import hash_token
from krokarm.accounts.permissions import actor_ids, is_coordinator
from krokarm.cases.models import Case, CaseEvent


def ensure_can_send(user: Any) -> None:
    """Sending is open to everyone: the brief promises that no account is needed to ask."""


def can_handle(user: Any, case: Case) -> bool:
    return case.actor_id in actor_ids(user) or is_coordinator(user)


def ensure_has_inbox(user: Any) -> None:
    """Only users who work for an actor, and coordinators, have an inbox."""
    if not actor_ids(user) and not is_coordinator(user):
        raise PermissionDenied


def ensure_coordinator(user: Any) -> None:
    if not is_coordinator(user):
        raise PermissionDenied


def get_case_for_asker(key: str) -> Case:
    """The case whose status page `key` opens, or 404."""
    case = Case.objects.select_related("actor").filter(token_hash=hash_token(key)).first()
    if case is None:
        raise Http404
    return case


def get_case_for_staff(user: Any, reference: str) -> Case:
    case = Case.objects.select_related("actor", "county", "municipality").filter(reference=reference).first()
    if case is None or not can_handle(user, case):
        raise Http404
    return case


def get_case_for_step(user: Any, reference: str) -> Case:
    """A case for a step (accept, answer, forward) sent by `user`: one they may handle, or one their actor held
    until someone forwarded it away a moment ago; that step is then refused (409) with what they wrote, instead
    of a 404 that would lose it. Anyone else gets 404."""
    case = Case.objects.select_related("actor", "county", "municipality").filter(reference=reference).first()
    if case is None:
        raise Http404
    if not can_handle(user, case) and not held_before(user, case):
        raise Http404
    return case


def held_before(user: Any, case: Case) -> bool:
    """Whether one of `user`'s actors forwarded `case` away (so they saw it, and may know where it went)."""
    ids = actor_ids(user)
    return bool(ids) and case.events.filter(kind=CaseEvent.Kind.FORWARDED, actor_id__in=ids).exists()
