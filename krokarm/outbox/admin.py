from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.outbox.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: messages are written by queue_mail and the worker; a failed one is sent again from the
    coordinators' page (/samordning/e-post/), which records who did it."""

    list_display = ["created_at", "purpose", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "message_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
