from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "krokarm.regions"
    verbose_name = _("Län och regioner")
