from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.needs.models import Answer, Need


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["actor", "kind", "text", "author", "created_at", "reply"]
    readonly_fields = ["actor", "kind", "text", "author", "created_at", "reply"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # answers are written on the need's page, through needs.actions


@admin.register(Need)
class NeedAdmin(AuditedModelAdmin):
    list_display = ["title", "region", "status", "needed_by", "created_at"]
    list_select_related = ["region"]
    list_filter = ["status", "region"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["region", "invited"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_at", "updated_at", "closed_at"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(AuditedModelAdmin):
    list_display = ["__str__", "need", "actor", "kind", "created_at", "replied_at"]
    list_select_related = ["need", "actor"]
    list_filter = ["kind"]
    search_fields = ["text", "reply"]
    raw_id_fields = ["need", "actor", "author", "replied_by"]
    readonly_fields = ["created_at", "replied_at"]
