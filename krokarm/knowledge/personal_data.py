"""What the knowledge bank holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.knowledge.models import AccessRequest, Item, Reuse


def export(user: Any) -> dict[str, Any]:
    """The items the user published, the requests they made and answered, and the reuses they told of: four
    queries. A request someone else made is shown by its item and organisation, with the user's answer only."""
    asked = AccessRequest.objects.filter(user=user).select_related("item", "actor").order_by("created_at", "pk")
    reuses = Reuse.objects.filter(created_by=user).select_related("item", "actor").order_by("created_at", "pk")
    items = Item.all_objects.filter(created_by=user).select_related("owner").order_by("created_at", "pk")
    answered = (
        AccessRequest.objects.filter(answered_by=user).select_related("item", "actor").order_by("answered_at", "pk")
    )
    return {
        "items": [
            {
                "link": f"{settings.SITE_URL}{item.get_absolute_url()}",
                "title": item.title,
                "for_organisation": item.owner.name,
                "created_at": item.created_at.isoformat(),
            }
            for item in items
        ],
        "answers": [
            {
                "item": f"{settings.SITE_URL}{found.item.get_absolute_url()}",
                "to_organisation": found.actor.name,
                "status": found.get_status_display(),
                "answer": found.answer or None,
                "answered_at": found.answered_at.isoformat() if found.answered_at else None,
            }
            for found in answered
        ],
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
