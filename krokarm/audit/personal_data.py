"""What the audit log holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from krokarm.audit.models import AuditEntry


def export(user: Any) -> list[dict[str, Any]]:
    """The changes the user made: when, what, to which object and for which organisation. One query."""
    entries = AuditEntry.objects.filter(user=user).select_related("organisation").order_by("created_at", "pk")
    return [
        {
            "when": entry.created_at.isoformat(),
            "what": entry.action,
            "object": entry.target_repr,
            "object_type": entry.target_type,
            "organisation": entry.organisation.name if entry.organisation else None,
            "source": entry.source,
        }
        for entry in entries
    ]
