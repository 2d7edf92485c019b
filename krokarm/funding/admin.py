from __future__ import annotations

from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.funding.models import Programme, Reach


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    """Corrections between two seed runs; data/funding/programmes.yaml stays the source (the seed overwrites)."""

    list_display = ["name", "fund", "kind", "part", "confirmed"]
    list_filter = ["fund", "kind", "part", "confirmed"]
    list_select_related = ["managing_authority"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["managing_authority"]
    filter_horizontal = ["themes", "counties"]


@admin.register(Reach)
class ReachAdmin(AuditedModelAdmin):
    list_display = ["programme", "target", "how"]
    list_select_related = ["programme"]
    list_filter = ["target", "how"]
    search_fields = ["programme__name"]
