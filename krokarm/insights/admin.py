from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.insights.models import AskedQuestion


@admin.register(AskedQuestion)
class AskedQuestionAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the question page and the purge (insights.actions), never by hand.

    Not an AuditedModelAdmin: the log is not audited (see AskedQuestion).
    """

    list_display = ["created_at", "topic", "county", "asker", "confidence", "helpful", "results"]
    list_select_related = ["topic", "county"]
    list_filter = ["confidence", "helpful", "asker", "asker_inferred", "county", "created_at"]
    search_fields = ["text"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
