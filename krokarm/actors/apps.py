from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "krokarm.actors"
    verbose_name = _("Aktörer")

    def ready(self) -> None:
        # Site search finds actors and their responsibilities (krokarm/search/registry.py).
        from krokarm.actors import searchable

        searchable.register_all()
