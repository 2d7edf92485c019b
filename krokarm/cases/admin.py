from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.cases.models import Case, CaseEvent


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["at", "kind", "actor", "to_actor", "user", "text"]
    readonly_fields = ["at", "kind", "actor", "to_actor", "user", "text"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read only: cases change through the inbox (krokarm.cases.actions), which records every step."""

    list_display = ["reference", "actor", "status", "created_at", "accept_by", "flagged_at"]
    list_select_related = ["actor"]
    list_filter = ["status", "actor__kind"]
    search_fields = ["reference", "actor__name"]
    exclude = ["token_hash"]
    inlines = [CaseEventInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Case._meta.fields if f.name != "token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
