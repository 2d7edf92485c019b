"""What the comments app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse

from krokarm.comments import registry
from krokarm.comments.models import Comment, Report, Thread


def export(user: Any) -> dict[str, Any]:
    """The user's comments, each with the object it is about, the reports they made, and what they did as a
    moderator (threads closed, comments hidden, with their reason). Someone else's comment appears only by its
    link. Four queries, and one per commentable model the user has commented on."""
    comments = list(
        Comment.objects.filter(author=user)
        .select_related("thread__content_type", "author_organisation")
        .order_by("created_at", "pk")
    )
    reports = Report.objects.filter(reporter=user).order_by("created_at", "pk")
    closed = list(Thread.objects.filter(closed_by=user).select_related("content_type").order_by("closed_at", "pk"))
    hidden = Comment.objects.filter(hidden_by=user).order_by("hidden_at", "pk")
    about = _about({comment.thread for comment in comments} | set(closed))
    return {
        "comments": [
            {
                "link": _link(comment.pk),
                "about": about.get(comment.thread_id),
                "reply_to": _link(comment.parent_id) if comment.parent_id else None,
                "written_for": comment.author_organisation.name if comment.author_organisation else None,
                "text": comment.text,
                "created_at": comment.created_at.isoformat(),
                "hidden": comment.is_hidden,
                "hidden_at": comment.hidden_at.isoformat() if comment.hidden_at else None,
                "hidden_reason": comment.hidden_reason,
            }
            for comment in comments
        ],
        "reports": [
            {
                "comment": _link(report.comment_id),
                "reason": report.reason,
                "created_at": report.created_at.isoformat(),
                "resolved_at": report.resolved_at.isoformat() if report.resolved_at else None,
                "resolution": report.get_resolution_display(),
            }
            for report in reports
        ],
        "threads_closed": [{"about": about.get(thread.pk), "closed_at": _iso(thread.closed_at)} for thread in closed],
        "comments_hidden": [
            {"comment": _link(c.pk), "hidden_at": _iso(c.hidden_at), "reason": c.hidden_reason} for c in hidden
        ],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _link(pk: int) -> str:
    return f"{settings.SITE_URL}{reverse('comments:comment', args=[pk])}"


def _about(threads: set[Thread]) -> dict[int, dict[str, str]]:
    """Thread id → the label and address of the object it is about."""
    by_model: dict[Any, list[Thread]] = defaultdict(list)
    for thread in threads:
        by_model[thread.content_type.model_class()].append(thread)
    about: dict[int, dict[str, str]] = {}
    for model, model_threads in by_model.items():
        entry = registry.entry_for(model)
        objects = registry.objects_in_bulk(model, {thread.object_id for thread in model_threads})
        for thread in model_threads:
            target = objects.get(thread.object_id)
            if target is not None:
                about[thread.pk] = {"label": entry.label(target), "url": f"{settings.SITE_URL}{entry.url(target)}"}
    return about
