from contextlib import suppress

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from krokarm.accounts import actions
from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.permissions import can_reset_two_factor
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


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(TOTPDeviceAdmin):
    """django-otp's admin for authenticator apps, but nobody adds or edits one here (whoever chose the key
    could make the codes): people connect their own app. Deleting is a reset through actions.reset_two_factor,
    allowed only where permissions.can_reset_two_factor holds, so the person is told and must confirm by
    e-mail before connecting a new one."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        allowed = bool(super().has_delete_permission(request, obj))
        return allowed and (obj is None or can_reset_two_factor(request.user, obj.user))

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        with suppress(actions.AccountError):  # already gone with another of the same person's apps
            actions.reset_two_factor(obj.user, by=request.user, source="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        users = list(User.objects.filter(pk__in=queryset.values("user_id")))
        if not all(can_reset_two_factor(request.user, user) for user in users):
            raise PermissionDenied
        for user in users:
            self.delete_model(request, TOTPDevice(user=user))
