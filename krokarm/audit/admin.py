from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from krokarm.audit.actions import Changes, has_version, locked, plain, record, remove_tracked
from krokarm.audit.models import AuditEntry, ReferenceRecord


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every save and delete leaves an audit row.

    Django's admin already runs each save in a transaction, so the row and the
    change commit together. `before_save` lets a model keep derived fields current.
    """

    def before_save(self, obj: Any) -> None:
        pass

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Every row, retired ones too (the model's default manager may leave those out)."""
        queryset = self.model._base_manager.get_queryset()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        self.before_save(obj)
        if change and has_version(obj) and form.changed_data:
            # The admin saves the whole row: move its version on so that forms and API clients holding the old
            # version are told about this change instead of overwriting it.
            obj.version = locked(obj).version + 1  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)
        changes: Changes = {
            name: [plain(form.initial.get(name)), plain(form.cleaned_data.get(name))]
            for name in form.changed_data
            if name in form.cleaned_data
        }
        action = f"{obj._meta.model_name}.{'updated' if change else 'created'}"
        record(action, obj, changes=changes, source="admin", user=request.user)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        # As everywhere: a row people's comments, follows or other rows point at is retired, not deleted.
        remove_tracked(obj, source="admin", user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            remove_tracked(obj, source="admin", user=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only the application writes: readable in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "target_repr", "source", "user"]
    list_select_related = ["user"]
    list_filter = ["source", "action"]
    search_fields = ["target_repr", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(ReferenceRecord)
class ReferenceRecordAdmin(ReadOnlyAdmin):
    """Which rows the seed manages, from which file and key, and what it last wrote. Read-only: the seed keeps it."""

    list_display = ["key", "file", "target_type", "target_id", "seeded_at", "retired_at", "removed_on_site_at"]
    list_filter = ["target_type", "file"]
    search_fields = ["key", "file"]
    readonly_fields = [f.name for f in ReferenceRecord._meta.fields]
