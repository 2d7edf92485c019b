"""What the knowledge bank holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.knowledge.models import AccessRequest, Reuse


def export(user: Any) -> dict[str, Any]:
    """The requests the user made and the reuses they told of: two queries."""
    asked = AccessRequest.objects.filter(user=user).select_related("item", "actor").order_by("created_at", "pk")
    reuses = Reuse.objects.filter(created_by=user).select_related("item", "actor").order_by("created_at", "pk")
    return {
        "requests": [
            {
                "item": f"{settings.SITE_URL}{found.item.get_absolute_url()}",
                "item_title": found.item.title,
                "asked_for": found.actor.name,
                "message": found.message or None,
                "status": found.get_status_display(),
                "answer": found.answer or None,
                "created_at": found.created_at.isoformat(),
                "answered_at": found.answered_at.isoformat() if found.answered_at else None,
            }
            for found in asked
        ],
        "reuses": [
            {
                "item": f"{settings.SITE_URL}{reuse.item.get_absolute_url()}",
                "item_title": reuse.item.title,
                "reused_by": reuse.actor.name,
                "text": reuse.text,
                "reused_on": reuse.reused_on.isoformat() if reuse.reused_on else None,
                "created_at": reuse.created_at.isoformat(),
            }
            for reuse in reuses
        ],
    }
