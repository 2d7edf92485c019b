from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "krokarm.audit"
    verbose_name = _("Händelselogg")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.audit import personal_data

        register_export("andringslogg", personal_data.export, covers=["audit.AuditEntry"])
        register_export("administrationen", personal_data.admin_log, covers=["admin.LogEntry"])
