from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdempotencyConfig(AppConfig):
    name = "krokarm.idempotency"
    verbose_name = _("Engångsnycklar")
