from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "krokarm.cases"
    verbose_name = _("Ärenden")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.cases import personal_data

        register_export("arenden", personal_data.export, covers=["cases.CaseEvent"])
