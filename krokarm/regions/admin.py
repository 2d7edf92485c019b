from django.contrib import admin

from krokarm.audit.admin import AuditedModelAdmin
from krokarm.regions.models import County


@admin.register(County)
class CountyAdmin(AuditedModelAdmin):
    list_display = ["code", "letter", "name", "seat", "erdf_programme_area"]
    search_fields = ["name", "code"]
