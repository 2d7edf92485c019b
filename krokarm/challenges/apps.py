from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "krokarm.challenges"
    verbose_name = _("Utmaningar")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.challenges import personal_data
        from krokarm.challenges.models import Challenge
        from krokarm.comments.registry import register
        from krokarm.notifications.registry import register as register_followable

        # A challenge takes comments: its lead's editors close the thread (comments/registry.py). Its thread and its
        # follows stay reachable when it is no longer current (all_objects).
        register(
            Challenge,
            name="utmaning",
            owner=lambda challenge: challenge.lead,
            url=lambda challenge: challenge.get_absolute_url(),
            label=lambda challenge: challenge.title,
            key=lambda challenge: challenge.slug,
            lookup=lambda key: Challenge.all_objects.select_related("lead").filter(slug=key).first(),
            related=("lead",),
        )
        register_export("utmaningar", personal_data.export, covers=["challenges.Challenge", "challenges.Approach"])
        # Followers hear about status changes, new participants and regions' approaches.
        register_followable(
            Challenge,
            name="utmaning",
            label=lambda challenge: challenge.title,
            url=lambda challenge: challenge.get_absolute_url(),
            key=lambda challenge: challenge.slug,
            lookup=lambda key: Challenge.all_objects.filter(slug=key).first(),
        )

        # Site search finds challenges with every region's approach (krokarm/search/registry.py).
        from krokarm.challenges import searchable

        searchable.register_all()
