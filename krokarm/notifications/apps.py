from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "krokarm.notifications"
    verbose_name = _("Aviseringar")

    def ready(self) -> None:
        # The models people can follow opt in here (see registry.py and followables.py).
        from krokarm.accounts.personal_data import register_export
        from krokarm.notifications import followables, personal_data

        followables.register_all()
        register_export(
            "notifications",
            personal_data.export,
            covers=["notifications.Follow", "notifications.Notification", "notifications.Preference"],
        )
