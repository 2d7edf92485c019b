"""What the dialogues app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.dialogues.models import DialogueSession, Event, FollowUp, Note, Progress, Proposal, Registration, Support


def export(user: Any) -> dict[str, Any]:
    """The person's registrations, the notes and proposals they wrote and their progress notes, the events and
    follow-ups they created, the sessions they lead and the proposals they supported: eight queries.
    Rows that are no longer current are theirs too (all_objects)."""
    site = settings.SITE_URL
    registrations = Registration.objects.filter(user=user).select_related("event", "actor").order_by("created_at", "pk")
    notes = Note.objects.filter(author=user).select_related("session__event").order_by("created_at", "pk")
    proposals = (
        Proposal.all_objects.filter(proposed_by=user).select_related("session__event").order_by("created_at", "pk")
    )
    progress = Progress.objects.filter(user=user).select_related("followup").order_by("created_at", "pk")
    events = Event.all_objects.filter(created_by=user).order_by("created_at", "pk")
    sessions = DialogueSession.all_objects.filter(facilitator=user).select_related("event").order_by("pk")
    supports = Support.objects.filter(user=user).select_related("proposal", "actor").order_by("pk")
    followups = FollowUp.all_objects.filter(created_by=user).select_related("owner").order_by("created_at", "pk")
    return {
        "events_created": [
            {"link": f"{site}{e.get_absolute_url()}", "title": e.title, "created_at": e.created_at.isoformat()}
            for e in events
        ],
        "sessions_led": [
            {"link": f"{site}{s.get_absolute_url()}", "title": s.title, "event_title": s.event.title} for s in sessions
        ],
        "supports": [
            {"proposal": f"{site}{s.proposal.get_absolute_url()}", "for_organisation": s.actor.name} for s in supports
        ],
        "followups_created": [
            {
                "link": f"{site}{f.get_absolute_url()}",
                "title": f.title,
                "owner": f.owner.name if f.owner else "",
                "created_at": f.created_at.isoformat(),
            }
            for f in followups
        ],
        "registrations": [
            {
                "event": f"{site}{r.event.get_absolute_url()}",
                "event_title": r.event.title,
                "for_organisation": r.actor.name,
                "status": r.get_status_display(),
                "created_at": r.created_at.isoformat(),
            }
            for r in registrations
        ],
        "notes": [
            {
                "session": f"{site}{n.session.get_absolute_url()}",
                "session_title": n.session.title,
                "kind": n.get_kind_display(),
                "text": n.text,
                "created_at": n.created_at.isoformat(),
            }
            for n in notes
        ],
        "proposals": [
            {
                "link": f"{site}{p.get_absolute_url()}",
                "title": p.title,
                "text": p.text,
                "status": p.get_status_display(),
                "created_at": p.created_at.isoformat(),
            }
            for p in proposals
        ],
        "progress_notes": [
            {
                "followup": f"{site}{p.followup.get_absolute_url()}",
                "followup_title": p.followup.title,
                "text": p.text,
                "status": p.get_status_display(),
                "created_at": p.created_at.isoformat(),
            }
            for p in progress
        ],
    }
