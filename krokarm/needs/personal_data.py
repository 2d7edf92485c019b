"""What the needs app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.needs.models import Answer, Need


def export(user: Any) -> dict[str, Any]:
    """The needs the user published and the answers they wrote (with the region's reply): two queries."""
    needs = Need.objects.filter(created_by=user).select_related("region").order_by("created_at", "pk")
    answers = Answer.objects.filter(author=user).select_related("need", "actor").order_by("created_at", "pk")
    return {
        "needs": [
            {
                "link": f"{settings.SITE_URL}{need.get_absolute_url()}",
                "region": need.region.name,
                "title": need.title,
                "description": need.description,
                "needed_by": need.needed_by.isoformat() if need.needed_by else None,
                "status": need.get_status_display(),
                "created_at": need.created_at.isoformat(),
            }
            for need in needs
        ],
        "answers": [
            {
                "need": f"{settings.SITE_URL}{answer.need.get_absolute_url()}",
                "need_title": answer.need.title,
                "written_for": answer.actor.name,
                "kind": answer.get_kind_display(),
                "text": answer.text,
                "created_at": answer.created_at.isoformat(),
                "reply": answer.reply or None,
                "replied_at": answer.replied_at.isoformat() if answer.replied_at else None,
            }
            for answer in answers
        ],
    }
