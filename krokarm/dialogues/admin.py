from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Proposal


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "starts_at", "organiser"]
    list_select_related = ["organiser"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["organiser", "created_by"]
    filter_horizontal = ["invited"]
    readonly_fields = ["created_at", "updated_at", "version", "retired_at"]


@admin.register(DialogueSession)
class DialogueSessionAdmin(AuditedModelAdmin):
    list_display = ["title", "event", "position"]
    list_select_related = ["event"]
    raw_id_fields = ["event", "facilitator", "theme"]
    filter_horizontal = ["participants"]
    readonly_fields = ["version", "retired_at"]


@admin.register(Proposal)
class ProposalAdmin(AuditedModelAdmin):
    list_display = ["title", "status", "session"]
    list_select_related = ["session"]
    list_filter = ["status"]
    search_fields = ["title", "text"]
    raw_id_fields = ["session", "theme", "challenge", "proposed_by"]
    readonly_fields = ["version", "retired_at"]


@admin.register(FollowUp)
class FollowUpAdmin(AuditedModelAdmin):
    list_display = ["title", "owner", "due_on", "status"]
    list_select_related = ["owner"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
    raw_id_fields = ["proposal", "owner", "created_by"]
    readonly_fields = ["created_at", "updated_at", "version", "retired_at"]
