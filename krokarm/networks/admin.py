from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.networks.models import Link, Meeting, Post


@admin.register(Meeting)
class MeetingAdmin(AuditedModelAdmin):
    list_display = ["title", "network", "starts_at", "place"]
    list_select_related = ["network"]
    list_filter = ["network"]
    search_fields = ["title", "description"]
    raw_id_fields = ["network", "created_by"]
    readonly_fields = ["created_at", "updated_at", "version"]


@admin.register(Link)
class LinkAdmin(AuditedModelAdmin):
    list_display = ["name", "slug", "created_at", "retired_at"]
    search_fields = ["name"]
    filter_horizontal = ["networks"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_at", "retired_at"]


@admin.register(Post)
class PostAdmin(AuditedModelAdmin):
    list_display = ["title", "network", "link", "author_organisation", "created_at"]
    list_select_related = ["network", "link", "author_organisation"]
    search_fields = ["title", "body"]
    raw_id_fields = ["network", "link", "author", "author_organisation"]
    readonly_fields = ["created_at"]
