"""How the knowledge bank is found by site search: its public metadata (never a non-public link or file)."""

from __future__ import annotations

from krokarm.actors.models import Actor, Theme
from krokarm.knowledge.models import Item
from krokarm.search.registry import Document, register, theme_slugs


def item_document(item: Item) -> Document | None:
    if not item.is_current:  # removed from the bank: its page stays, but search no longer offers it
        return None
    regions = Actor.objects.filter(
        pk__in=Item.regions.through.objects.filter(item=item).values("actor_id")
    ).select_related("county")
    codes = sorted({r.county.code for r in regions if r.county is not None})
    return Document(
        title=item.title,
        text=f"{item.get_kind_display()}. {item.owner.name}. {item.summary}",
        url=item.get_absolute_url(),
        region=" ".join(codes),
        themes=theme_slugs(Theme.objects.filter(knowledge_items=item).select_related("parent")),
        date=item.published_on,
    )


def register_all() -> None:
    register(
        Item,
        kind="kunskap",
        document=item_document,
        queryset=lambda: Item.objects.select_related("owner"),
        m2m=("themes", "regions"),
    )
