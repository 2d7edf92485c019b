from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.strategies.models import Attachment, Contribution, EntryPoint, Phase, Priority, Process, Strategy


@admin.register(Strategy)
class StrategyAdmin(AuditedModelAdmin):
    list_display = ["name", "region", "is_current", "adopted_on", "adopted_text", "horizon"]
    list_select_related = ["region"]
    list_filter = ["is_current"]
    search_fields = ["name", "region__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region"]
    # Priorities are edited on their own page (not inline), so that each change leaves an audit row.


@admin.register(Priority)
class PriorityAdmin(AuditedModelAdmin):
    list_display = ["title", "strategy", "position"]
    list_select_related = ["strategy"]
    search_fields = ["title", "strategy__name"]
    filter_horizontal = ["national_areas"]


@admin.register(Process)
class ProcessAdmin(AuditedModelAdmin):
    list_display = ["title", "region", "status"]
    list_select_related = ["region"]
    list_filter = ["status"]
    search_fields = ["title", "region__name"]
    autocomplete_fields = ["region", "strategy"]


@admin.register(Phase)
class PhaseAdmin(AuditedModelAdmin):
    list_display = ["process", "kind", "starts_on", "ends_on", "planned"]
    list_select_related = ["process"]
    list_filter = ["kind", "planned"]
    search_fields = ["process__title"]


@admin.register(EntryPoint)
class EntryPointAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "opens_on", "closes_on", "retired_at"]
    list_filter = ["kind", ("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description"]
    filter_horizontal = ["invited", "themes"]
    date_hierarchy = "closes_on"


@admin.register(Contribution)
class ContributionAdmin(AuditedModelAdmin):
    list_display = ["entry_point", "actor", "kind", "created_at"]
    list_select_related = ["entry_point", "actor"]
    list_filter = ["kind"]
    autocomplete_fields = ["actor"]


@admin.register(Attachment)
class AttachmentAdmin(AuditedModelAdmin):
    list_display = ["name", "contribution", "size", "content_type"]
    list_select_related = ["contribution"]
