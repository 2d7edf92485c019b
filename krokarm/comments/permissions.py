"""Who may do what with comments.

Anyone may read. Signing in is required to comment, reply or report, so that every comment has a
person behind it (the brief, issue 5). The owner of the commented object (the editors and organisation
admins of the actor it belongs to) and the platform's coordinators close and reopen threads; only
coordinators moderate.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.permissions import actor_ids, can_edit_actor, is_coordinator
from krokarm.comments import registry
from krokarm.comments.models import Comment


def can_comment(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_close(user: Any, target: Any) -> bool:
    if is_coordinator(user):
        return True
    owner = registry.entry_for(target).owner(target)
    return owner is not None and can_edit_actor(user, owner)


def can_moderate(user: Any) -> bool:
    return is_coordinator(user)


def get_target(name: str, key: str) -> tuple[registry.Commentable, Any]:
    """The registered kind and the commented object named in a URL, or 404."""
    entry = registry.entry_named(name)
    target = entry.lookup(key) if entry else None
    if entry is None or target is None:
        raise Http404(_("Det finns inget att kommentera på den adressen."))
    return entry, target


def get_comment(pk: int) -> Comment:
    """A comment with its thread and the commented object, or 404."""
    comment = Comment.objects.select_related("thread__content_type").filter(pk=pk).first()
    target = comment.thread.target if comment else None
    if comment is None or target is None or not registry.is_commentable(target):
        raise Http404(_("Kommentaren finns inte."))
    return comment


def ensure_can_close(user: Any, target: Any) -> None:
    if not can_close(user, target):
        raise PermissionDenied


def ensure_can_moderate(user: Any) -> None:
    if not can_moderate(user):
        raise PermissionDenied


def acting_for(user: Any, target: Any) -> Any:
    """The actor a user closes or reopens a thread for: the owner, if they edit for it (else None)."""
    owner = registry.entry_for(target).owner(target)
    return owner if owner is not None and owner.pk in actor_ids(user) and can_edit_actor(user, owner) else None
