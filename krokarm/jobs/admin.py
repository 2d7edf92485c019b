from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from krokarm.jobs.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """Read-only: what the schedule ran, when, on which worker and with what result."""

    list_display = ["slot", "job", "ok", "result", "started_at", "finished_at", "worker"]
    list_filter = ["job", "ok"]
    date_hierarchy = "slot"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
