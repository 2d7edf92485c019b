"""Reads the notification pages, the header and the follow button share."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from krokarm.notifications.models import Follow, Notification


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The user's notifications, newest first (paginate it: one query for the count, one for the page)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def is_following(user: Any, target: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    content_type = ContentType.objects.get_for_model(target)
    return Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).exists()
