from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from krokarm.accounts import actions
from krokarm.accounts.models import Affiliation, User
from krokarm.audit.admin import AuditedModelAdmin


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's user admin, but deleting goes through actions.delete_account like "Radera mitt konto", so the
    person's name and address leave the audit log too (and an organisation's last admin cannot be deleted)."""

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        try:
            actions.delete_account(obj, source="admin")
        except actions.AccountError as error:
            raise PermissionDenied(str(error)) from error

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            self.delete_model(request, user)


@admin.register(Affiliation)
class AffiliationAdmin(AuditedModelAdmin):
    list_display = ["user", "actor", "role"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["user__username", "user__email", "actor__name"]
    autocomplete_fields = ["user", "actor"]
