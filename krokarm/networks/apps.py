from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "krokarm.networks"
    verbose_name = _("Nätverk")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.networks import personal_data

        # Networks are actors, which people can already follow (notifications/followables.py): a new meeting or
        # post tells the network's followers (actions.py), so nothing more is registered here.
        register_export("natverk", personal_data.export, covers=["networks.Post", "networks.Meeting", "networks.Link"])
