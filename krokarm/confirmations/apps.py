from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfirmationsConfig(AppConfig):
    name = "krokarm.confirmations"
    verbose_name = _("Bekräftade uppgifter")
