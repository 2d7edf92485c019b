from __future__ import annotations

from typing import Any

from django.contrib import admin

from krokarm.actors.actions import refresh_search_text
from krokarm.actors.models import Actor, Membership, Responsibility, Service, TargetGroup, Theme
from krokarm.audit.admin import AuditedModelAdmin


@admin.register(Actor)
class ActorAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "county", "org_number", "retired_at"]
    list_select_related = ["county"]
    list_filter = ["kind", "county", ("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "code", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["ministry"]

    def get_queryset(self, request: Any) -> Any:
        return Actor.all_objects.select_related("county")  # retired actors too (list_filter shows which)

    def before_save(self, obj: Any) -> None:
        refresh_search_text(obj)


@admin.register(Theme)
class ThemeAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent", "order"]
    list_select_related = ["parent"]
    list_filter = ["kind", "parent"]
    search_fields = ["name", "slug"]


@admin.register(TargetGroup)
class TargetGroupAdmin(AuditedModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Responsibility)
class ResponsibilityAdmin(AuditedModelAdmin):
    list_display = ["actor", "theme", "role"]
    list_select_related = ["actor", "theme"]
    list_filter = ["role", "theme", "actor__kind"]
    search_fields = ["actor__name", "theme__name", "description"]
    autocomplete_fields = ["actor", "theme"]
    filter_horizontal = ["target_groups"]


@admin.register(Service)
class ServiceAdmin(AuditedModelAdmin):
    list_display = ["name", "actor", "theme"]
    list_select_related = ["actor", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor", "theme"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["member", "network", "role"]
    list_select_related = ["member", "network"]
    list_filter = ["network", "role"]
    autocomplete_fields = ["network", "member"]
