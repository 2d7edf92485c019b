from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.comments.models import Comment, Report, Thread


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: comments are written and moderated through comments.actions (the pages), never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "closed_at"]
    list_select_related = ["content_type"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["text", "author", "author_organisation", "created_at", "hidden_at"]
    list_select_related = ["author", "author_organisation"]
    list_filter = ["created_at", "hidden_at"]
    search_fields = ["text"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["comment", "reason", "created_at", "resolved_at", "resolution"]
    list_select_related = ["comment"]
