from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from krokarm.accounts.models import Affiliation, User
from krokarm.audit.admin import AuditedModelAdmin

admin.site.register(User, UserAdmin)


@admin.register(Affiliation)
class AffiliationAdmin(AuditedModelAdmin):
    list_display = ["user", "actor", "role"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["user__username", "user__email", "actor__name"]
    autocomplete_fields = ["user", "actor"]
