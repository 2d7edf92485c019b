from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "krokarm.funding"
    verbose_name = _("EU-program och finansiering")
    # Read-only reference data from data/funding/: no comments, follows or personal data; found by site search.

    def ready(self) -> None:
        # Site search finds the programmes (krokarm/search/registry.py).
        from krokarm.funding import searchable

        searchable.register_all()
