from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.challenges.models import Approach, Challenge, Outcome, Participant


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ["order", "text", "indicator"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["actor", "role", "note", "source"]
    raw_id_fields = ["actor"]


@admin.register(Challenge)
class ChallengeAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "status", "lead", "updated_at", "retired_at"]
    list_select_related = ["lead"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "goal", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["created_by", "from_need"]
    readonly_fields = ["created_at", "updated_at", "version", "retired_at"]
    inlines = [OutcomeInline, ParticipantInline]


@admin.register(Approach)
class ApproachAdmin(AuditedModelAdmin):
    list_display = ["challenge", "region", "status", "starts_on", "ends_on", "updated_at"]
    list_select_related = ["challenge", "region"]
    list_filter = ["status"]
    search_fields = ["summary", "measures", "challenge__title", "region__name"]
    raw_id_fields = ["challenge", "region", "created_by", "updated_by"]
    readonly_fields = ["created_at", "updated_at", "version"]
