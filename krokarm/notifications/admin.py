from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.notifications.models import Follow, Notification, Preference


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: follows, notifications and preferences change only through notifications.actions."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["user", "content_type", "object_id", "created_at"]
    list_select_related = ["user", "content_type"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "text", "created_at", "read_at", "emailed_at"]
    list_select_related = ["user"]


@admin.register(Preference)
class PreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "digest_frequency"]
    list_select_related = ["user"]
