from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "krokarm.knowledge"
    verbose_name = _("Kunskapsbanken")

    def ready(self) -> None:
        from krokarm.accounts.models import User
        from krokarm.accounts.personal_data import register_export
        from krokarm.comments.registry import register
        from krokarm.knowledge import personal_data
        from krokarm.knowledge.models import AccessRequest, Item
        from krokarm.knowledge.permissions import can_see_request
        from krokarm.notifications.registry import register as register_followable

        # An item takes comments: its owner's editors close the thread (comments/registry.py). A removed (retired)
        # item keeps its thread, and so do its follows below.
        def item_by_pk(key: str) -> Item | None:
            return Item.all_objects.filter(pk=int(key)).first() if key.isdigit() else None

        register(
            Item,
            name="kunskap",
            owner=lambda item: item.owner,
            url=lambda item: item.get_absolute_url(),
            label=lambda item: item.title,
            related=("owner",),
            lookup=item_by_pk,
        )
        register_export(
            "kunskap", personal_data.export, covers=["knowledge.Item", "knowledge.AccessRequest", "knowledge.Reuse"]
        )

        # An item can be followed: its author, and anyone interested, hear of changes and reuses.
        register_followable(
            Item,
            name="kunskap",
            label=lambda item: item.title,
            url=lambda item: item.get_absolute_url(),
            lookup=item_by_pk,
        )
        # A request is followed by the person who asked and the owner's editors (made by the actions); anyone else
        # may follow it only where they can read it (permissions.can_see_request: the inbox). Only the two
        # organisations' people are told, so that someone who changed jobs hears no more of it.
        from django.db.models import Q

        register_followable(
            AccessRequest,
            name="kunskapsforfragan",
            label=lambda found: found.item.title,
            url=lambda found: found.get_absolute_url(),
            lookup=lambda key: (
                AccessRequest.objects.select_related("item__owner").filter(pk=int(key)).first()
                if key.isdigit()
                else None
            ),
            can_see=can_see_request,
            audience=lambda found: Q(
                pk__in=User.objects.filter(affiliations__actor_id__in=[found.actor_id, found.item.owner_id]).values(
                    "pk"
                )
            ),
        )

        # Site search finds the items, by their public metadata (krokarm/search/registry.py).
        from krokarm.knowledge import searchable

        searchable.register_all()
