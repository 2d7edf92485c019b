"""What the challenges app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q

from krokarm.challenges.models import Approach, Challenge


def export(user: Any) -> dict[str, Any]:
    """The challenges the user proposed and the regional approaches they wrote or last changed: two queries."""
    challenges = Challenge.all_objects.filter(created_by=user).select_related("lead").order_by("created_at", "pk")
    approaches = (
        Approach.objects.filter(Q(created_by=user) | Q(updated_by=user))
        .select_related("challenge", "region")
        .order_by("created_at", "pk")
    )
    return {
        "challenges": [
            {
                "link": f"{settings.SITE_URL}{challenge.get_absolute_url()}",
                "title": challenge.title,
                "goal": challenge.goal,
                "lead": challenge.lead.name,
                "status": challenge.get_status_display(),
                "created_at": challenge.created_at.isoformat(),
            }
            for challenge in challenges
        ],
        "approaches": [
            {
                "challenge": f"{settings.SITE_URL}{approach.challenge.get_absolute_url()}",
                "region": approach.region.name,
                "summary": approach.summary,
                "contact_name": approach.contact_name,
                "contact_email": approach.contact_email,
                "created_by_you": approach.created_by_id == user.pk,
                "last_changed_by_you": approach.updated_by_id == user.pk,
                "updated_at": approach.updated_at.isoformat(),
            }
            for approach in approaches
        ],
    }
