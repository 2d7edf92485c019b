"""What this app holds about a person, for their data download (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from krokarm.notifications.models import Follow, Notification, Preference


def export(user: Any) -> dict[str, Any]:
    """The user's follows, notifications and digest choice: three queries. A notification is shown by where it
    leads, when it came and whether it was read or e-mailed, not by its text: the text tells what someone else did
    ("<name> har skrivit …: <their words>"), which is theirs."""
    follows = Follow.objects.filter(user=user).select_related("content_type").order_by("created_at", "pk")
    notifications = Notification.objects.filter(user=user).order_by("created_at", "pk")
    preference = Preference.objects.filter(user=user).values_list("digest_frequency", flat=True).first()
    return {
        "follows": [
            {
                "type": f"{f.content_type.app_label}.{f.content_type.model}",
                "id": f.object_id,
                "since": f.created_at.isoformat(),
            }
            for f in follows
        ],
        "notifications": [
            {
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            }
            for n in notifications
        ],
        "digest_frequency": preference or Preference.Frequency.DAILY.value,
    }
