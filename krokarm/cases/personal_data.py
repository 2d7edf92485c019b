"""What the cases app holds about a staff member, for "Ladda ner mina uppgifter" (accounts/personal_data.py).

A case is the asker's: their question and address are theirs and never in an officer's download. What is the
officer's is each step they took (accepted, forwarded with their reason, answered) and the answers they wrote.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.cases.models import CaseEvent


def export(user: Any) -> dict[str, Any]:
    """The steps the user took in cases and, for each case they answered, their answer: one query."""
    events = CaseEvent.objects.filter(user=user).select_related("case", "actor", "to_actor").order_by("at", "pk")
    steps, answers = [], []
    for event in events:
        case = event.case
        link = f"{settings.SITE_URL}{case.staff_url}" if case.reference else None
        steps.append(
            {
                "case": case.reference,
                "link": link,
                "step": event.kind,
                "step_name": str(event.get_kind_display()),
                "at": event.at.isoformat(),
                "for_organisation": event.actor.name if event.actor else None,
                "to_organisation": event.to_actor.name if event.to_actor else None,
                "text": event.text or None,
            }
        )
        if event.kind == CaseEvent.Kind.ANSWERED:
            answered_at = case.answered_at.isoformat() if case.answered_at else None
            answers.append({"case": case.reference, "link": link, "answer": case.answer, "answered_at": answered_at})
    return {"steps": steps, "answers": answers}
