"""What the strategies app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch

from krokarm.strategies.models import Attachment, Contribution


def export(user: Any) -> dict[str, Any]:
    """The interest registrations and contributions the user sent for their organisation (with the region's reply
    and their files' names), and the replies they wrote to others' contributions as the region: three queries.
    Another organisation's contribution the user replied to is shown by its entry point and organisation only."""
    site = settings.SITE_URL
    files = Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    sent = (
        Contribution.objects.filter(author=user)
        .select_related("entry_point", "actor")
        .prefetch_related(files)
        .order_by("created_at", "pk")
    )
    replied = (
        Contribution.objects.filter(acknowledged_by=user)
        .select_related("entry_point", "actor")
        .order_by("acknowledged_at", "pk")
    )

    def sent_entry(c: Contribution) -> dict[str, Any]:
        return {
            "entry_point": f"{site}{c.entry_point.get_absolute_url()}",
            "entry_point_title": c.entry_point.title,
            "for_organisation": c.actor.name,
            "text": c.text,
            "files": [a.name for a in c.attachments.all()],
            "created_at": c.created_at.isoformat(),
            "acknowledged_at": c.acknowledged_at.isoformat() if c.acknowledged_at else None,
            "acknowledgement": c.acknowledgement or None,
        }

    return {
        "interest_registrations": [sent_entry(c) for c in sent if c.kind == Contribution.Kind.INTEREST],
        "contributions": [sent_entry(c) for c in sent if c.kind == Contribution.Kind.CONTRIBUTION],
        "replies": [
            {
                "entry_point": f"{site}{c.entry_point.get_absolute_url()}",
                "to_organisation": c.actor.name,
                "acknowledgement": c.acknowledgement,
                "acknowledged_at": c.acknowledged_at.isoformat() if c.acknowledged_at else None,
            }
            for c in replied
        ],
    }
