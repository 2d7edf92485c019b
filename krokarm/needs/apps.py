from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "krokarm.needs"
    verbose_name = _("Regionala behov")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.comments.registry import register
        from krokarm.needs import personal_data
        from krokarm.needs.models import Need

        # A need takes comments: its region's editors close the thread (comments/registry.py).
        register(
            Need,
            name="behov",
            owner=lambda need: need.region,
            url=lambda need: need.get_absolute_url(),
            label=lambda need: need.title,
            related=("region",),
        )
        register_export("behov", personal_data.export, covers=["needs.Need", "needs.Answer"])

        # A need can be followed: those who answered it, and anyone interested, hear about answers and replies.
        from krokarm.notifications.registry import register as register_followable

        register_followable(
            Need,
            name="behov",
            label=lambda need: need.title,
            url=lambda need: need.get_absolute_url(),
            lookup=lambda key: Need.objects.filter(pk=int(key)).first() if key.isdigit() else None,
        )

        # Site search finds them (krokarm/search/registry.py).
        from krokarm.needs import searchable

        searchable.register_all()
