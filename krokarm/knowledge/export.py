"""The knowledge bank as open data: metadata only. The link and the file of an item shared on request are
never exported; an open item's link is (its file is offered on the item's page)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from krokarm.knowledge import queries
from krokarm.knowledge.models import Item
from krokarm.lib import csvsafe

COLUMNS = [
    "id",
    "kind",
    "title",
    "summary",
    "owner",
    "owner_name",
    "themes",
    "regions",
    "challenges",
    "access",
    "link",
    "has_file",
    "published_on",
    "reuses",
    "source_url",
    "page",
]


def item_row(item: Item) -> dict[str, Any]:
    """One item's public metadata. `item` comes from queries.items (themes, regions and reuse_count loaded)."""
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "owner": item.owner.slug,
        "owner_name": item.owner.name,
        "themes": [theme.slug for theme in item.themes.all()],
        "regions": [region.slug for region in item.regions.all()],
        "challenges": [challenge.slug for challenge in item.challenges.all()],
        "access": item.access,
        "link": item.link if item.is_open else "",
        "has_file": bool(item.attachment),
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "reuses": getattr(item, "reuse_count", 0),
        "source_url": item.source_url,
        "page": f"{settings.SITE_URL}{item.get_absolute_url()}",
    }


def rows() -> list[dict[str, Any]]:
    """Every item as a row: four queries."""
    return [item_row(item) for item in queries.items()]


def to_csv(items: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csvsafe.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in items:
        writer.writerow(
            {
                **row,
                "themes": " ".join(row["themes"]),
                "regions": " ".join(row["regions"]),
                "challenges": " ".join(row["challenges"]),
            }
        )
    return buffer.getvalue()


def document() -> dict[str, Any]:
    return {"license": "CC0-1.0", "items": rows()}
