from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "krokarm.strategies"
    verbose_name = _("Regionala utvecklingsstrategier")

    def ready(self) -> None:
        from django.urls import reverse

        from krokarm.comments.registry import register
        from krokarm.strategies.models import Strategy

        # A strategy takes comments (its region's editors close the thread), named by its slug.
        register(
            Strategy,
            name="strategi",
            owner=lambda strategy: strategy.region,
            url=lambda strategy: reverse("strategies:region", args=[strategy.region.slug]),
            label=lambda strategy: strategy.name,
            key=lambda strategy: strategy.slug,
            lookup=lambda slug: Strategy.objects.select_related("region").filter(slug=slug).first(),
        )

        from krokarm.accounts.personal_data import register_export
        from krokarm.strategies import personal_data

        register_export("rus", personal_data.export, covers=["strategies.Contribution"])

        # Site search finds them (krokarm/search/registry.py).
        from krokarm.strategies import searchable

        searchable.register_all()
