from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WayinConfig(AppConfig):
    name = "krokarm.wayin"
    verbose_name = _("Väg in")
