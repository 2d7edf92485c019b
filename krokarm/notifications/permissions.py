"""Who may follow what, and whose notifications are whose.

Anyone signed in may follow a public object (an actor, a comment thread). Anything else is followed only by
those who may read it where the follow leads (the registration's `can_see`): a case by the holding actor's
staff and the coordinators (cases/permissions.can_handle), a knowledge request by those who answer it in the
owner's inbox. Nobody is offered a button, or may follow, where they would then be refused; to them an object
they may not read does not exist (404), as in the inbox. A notification is
only ever its owner's: another person's id is a 404. Coordinators see and resend failed outbox e-mail.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.accounts.permissions import is_coordinator
from krokarm.notifications import registry
from krokarm.notifications.models import Notification
from krokarm.outbox.models import Message


def can_follow(user: Any, target: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(registry.entry_for(target).can_see(user, target))


def get_followable(user: Any, name: str, key: str) -> tuple[registry.Followable, Any]:
    """The registered kind and the object named in a URL, if `user` may follow it; otherwise 404."""
    entry = registry.entry_named(name)
    target = entry.lookup(key) if entry else None
    if entry is None or target is None or not can_follow(user, target):
        raise Http404(_("Det finns inget att följa på den adressen."))
    return entry, target


def get_notification(user: Any, pk: int) -> Notification:
    """One of `user`'s own notifications, or 404."""
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise Http404(_("Aviseringen finns inte."))
    return notification


def can_resend_mail(user: Any) -> bool:
    """Coordinators see the e-mail the worker gave up on and send it again."""
    return is_coordinator(user)


def ensure_can_resend_mail(user: Any) -> None:
    if not can_resend_mail(user):
        raise PermissionDenied


def get_message(pk: int) -> Message:
    """An outbox message, or 404."""
    message = Message.objects.filter(pk=pk).first()
    if message is None:
        raise Http404(_("Meddelandet finns inte."))
    return message
