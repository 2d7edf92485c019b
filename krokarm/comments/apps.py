from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "krokarm.comments"
    verbose_name = _("Kommentarer")

    def ready(self) -> None:
        # The models that take comments opt in here (see registry.py and commentables.py).
        from krokarm.comments import commentables

        commentables.register_all()

        from krokarm.accounts.personal_data import register_export
        from krokarm.comments import personal_data

        register_export(
            "kommentarer", personal_data.export, covers=["comments.Comment", "comments.Report", "comments.Thread"]
        )

        # Site search finds them (krokarm/search/registry.py).
        from krokarm.comments import searchable

        searchable.register_all()
