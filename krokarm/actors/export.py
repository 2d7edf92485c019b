"""The directory as flat rows, for the CSV and JSON downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.lib import csvsafe

ACTOR_COLUMNS = [
    "slug",
    "kind",
    "name",
    "short_name",
    "org_number",
    "code",
    "county_code",
    "county",
    "seat",
    "website",
    "ministry",
    "mandate",
    "mandate_source_url",
]
RESPONSIBILITY_COLUMNS = [
    "actor",
    "actor_name",
    "theme",
    "theme_name",
    "role",
    "target_groups",
    "description",
    "basis",
    "source_url",
]


def actor_rows() -> Iterator[dict[str, Any]]:
    for actor in Actor.objects.select_related("county", "ministry").order_by("kind", "name"):
        yield {
            "slug": actor.slug,
            "kind": actor.kind,
            "name": actor.name,
            "short_name": actor.short_name,
            "org_number": actor.org_number,
            "code": actor.code,
            "county_code": actor.county.code if actor.county else "",
            "county": actor.county.name if actor.county else "",
            "seat": actor.seat,
            "website": actor.website,
            "ministry": actor.ministry.name if actor.ministry else "",
            "mandate": actor.mandate,
            "mandate_source_url": actor.mandate_source_url,
        }


def responsibility_rows() -> Iterator[dict[str, Any]]:
    for resp in (
        Responsibility.objects.select_related("actor", "theme")
        .prefetch_related("target_groups")
        .order_by("actor__name", "theme__order", "role")
    ):
        yield {
            "actor": resp.actor.slug,
            "actor_name": resp.actor.name,
            "theme": resp.theme.slug,
            "theme_name": resp.theme.name,
            "role": resp.role,
            "target_groups": ";".join(g.slug for g in resp.target_groups.all()),
            "description": resp.description,
            "basis": resp.basis,
            "source_url": resp.source_url,
        }


def directory_document() -> dict[str, Any]:
    """Everything in one nested JSON document: actors with responsibilities, services and networks."""
    actors = Actor.objects.select_related("county", "ministry").prefetch_related(
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.select_related("theme").prefetch_related("target_groups"),
        ),
        Prefetch("services", queryset=Service.objects.select_related("theme")),
        "network_memberships__network",
    )
    rows = {row["slug"]: row for row in actor_rows()}
    items = []
    for actor in actors.order_by("kind", "name"):
        item = rows[actor.slug]
        item["responsibilities"] = [
            {
                "theme": r.theme.slug,
                "role": r.role,
                "target_groups": [g.slug for g in r.target_groups.all()],
                "description": r.description,
                "basis": r.basis,
                "source_url": r.source_url,
            }
            for r in actor.responsibilities.all()
        ]
        item["services"] = [
            {"name": s.name, "description": s.description, "url": s.url, "theme": s.theme.slug if s.theme else ""}
            for s in actor.services.all()
        ]
        item["networks"] = [m.network.slug for m in actor.network_memberships.all()]
        items.append(item)
    return {"licence": "CC0-1.0", "count": len(items), "actors": items}


def to_csv(columns: list[str], rows: Iterator[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csvsafe.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
