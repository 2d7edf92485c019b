"""What the audit log holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py).

An audit row records what its user changed, but it can also hold other people's data: an invitee's address, the
account an administrator made, the words of a comment a moderator hid. The export shows the person's own part:
the fields they changed and the values they set. Left out, because they are someone else's:

- the old values: what the field held before was written by whoever changed it last (their own export shows
  it as a value they set; the person's own earlier values are in their earlier rows);
- values of fields that name or reach a person (PERSON_FIELDS), except in changes to the user's own account:
  the field is listed under "withheld";
- the object's name where it names a person or quotes someone (NAMED_BY_A_PERSON): only its type and id.
"""

from __future__ import annotations

import json
from typing import Any

from krokarm.audit.models import AuditEntry

# Fields whose value is a person: an address, a username or name, a contact.
PERSON_FIELDS = frozenset(
    {"email", "username", "first_name", "last_name", "user", "author", "contact_name", "contact_email", "to"}
)

# Models whose str() names a person or quotes their words (accounts/models.py, comments/models.py, …).
NAMED_BY_A_PERSON = frozenset(
    {
        "accounts.user",  # the username
        "accounts.affiliation",  # "<user> – <organisation>"
        "accounts.invitation",  # the invitee's address
        "comments.comment",  # the start of the comment, often someone else's (reported, hidden)
        "comments.report",  # the reporter's reason
        "dialogues.registration",  # "<user> – <event>"
        "outbox.message",  # a mail's subject, which may name its recipient
    }
)


def export(user: Any) -> list[dict[str, Any]]:
    """The changes the user made: when, what, to which object, for which organisation, and the values they set.
    One query."""
    entries = AuditEntry.objects.filter(user=user).select_related("organisation").order_by("created_at", "pk")
    return [_entry(entry, user) for entry in entries]


def _entry(entry: AuditEntry, user: Any) -> dict[str, Any]:
    own_account = entry.target_type == "accounts.user" and entry.target_id == str(user.pk)
    named = entry.target_type in NAMED_BY_A_PERSON and not own_account
    withheld = set() if own_account else {field for field in entry.changes if field in PERSON_FIELDS}
    return {
        "when": entry.created_at.isoformat(),
        "what": entry.action,
        "object": None if named else entry.target_repr,
        "object_type": entry.target_type,
        "object_id": entry.target_id,
        "organisation": entry.organisation.name if entry.organisation else None,
        "source": entry.source,
        "set": {field: _new_value(change) for field, change in sorted(entry.changes.items()) if field not in withheld},
        "withheld": sorted(withheld),
    }


def _new_value(change: Any) -> Any:
    return change[1] if isinstance(change, (list, tuple)) and len(change) == 2 else change


def admin_log(user: Any) -> list[dict[str, Any]]:
    """What the user did in the administration (Django's own log): when, to which kind of object, and which fields
    changed. The object's name is left out, and so are the names of inline rows in the change message: they may be
    a person's. One query."""
    from django.contrib.admin.models import LogEntry

    entries = LogEntry.objects.filter(user=user).select_related("content_type").order_by("action_time", "pk")
    actions = {1: "added", 2: "changed", 3: "deleted"}
    return [
        {
            "when": entry.action_time.isoformat(),
            "what": actions.get(entry.action_flag, str(entry.action_flag)),
            "object_type": _label(entry.content_type),
            "object_id": entry.object_id,
            "changes": _without_names(entry.change_message),
        }
        for entry in entries
    ]


def _label(content_type: Any) -> str | None:
    return f"{content_type.app_label}.{content_type.model}" if content_type else None


def _without_names(message: str) -> Any:
    """The admin's change message (JSON: [{"changed": {"fields": [...]}}, {"added": {"name": …, "object": …}}])
    without the inline objects' own names; a message in free text is left out (it may say anything)."""
    try:
        parts = json.loads(message or "[]")
    except ValueError:
        return []
    if not isinstance(parts, list):
        return []
    return [
        {verb: {k: v for k, v in detail.items() if k != "object"} for verb, detail in part.items()}
        for part in parts
        if isinstance(part, dict) and all(isinstance(detail, dict) for detail in part.values())
    ]
