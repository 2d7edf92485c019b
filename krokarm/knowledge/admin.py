from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.knowledge.models import AccessRequest, Item, Reuse


@admin.register(Item)
class ItemAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "owner", "access", "published_on", "retired_at"]
    list_select_related = ["owner"]
    list_filter = ["kind", "access"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["owner", "regions"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["created_by"]
    # The file is replaced only through the item's own form, which checks what the file is (strategies.uploads).
    readonly_fields = [
        "created_at",
        "updated_at",
        "attachment",
        "attachment_name",
        "attachment_size",
        "attachment_type",
        "version",
        "retired_at",
    ]


@admin.register(AccessRequest)
class AccessRequestAdmin(AuditedModelAdmin):
    list_display = ["item", "actor", "status", "created_at", "answered_at"]
    list_select_related = ["item", "actor"]
    list_filter = ["status"]
    raw_id_fields = ["item", "actor", "user", "answered_by"]
    readonly_fields = ["created_at", "answered_at"]


@admin.register(Reuse)
class ReuseAdmin(AuditedModelAdmin):
    list_display = ["item", "actor", "reused_on"]
    list_select_related = ["item", "actor"]
    raw_id_fields = ["item", "actor", "created_by"]
    readonly_fields = ["created_at"]
