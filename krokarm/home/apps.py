from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "krokarm.home"
    verbose_name = _("Startsida")

    def ready(self) -> None:
        from krokarm.home import checks, timeouts  # noqa: F401 (checks registers itself)

        timeouts.connect()
