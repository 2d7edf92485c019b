"""Reads that the thread page, the moderation queue and other apps' pages share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from krokarm.comments import registry
from krokarm.comments.models import Comment, Report, Thread


def thread_for(target: Any) -> Thread | None:
    model = type(target)._meta
    return (
        Thread.objects.select_related("closed_by")
        .filter(content_type__app_label=model.app_label, content_type__model=model.model_name, object_id=target.pk)
        .first()
    )


def comments_in(thread: Thread | None) -> list[Comment]:
    """The top-level comments, oldest first, each with its replies: two queries."""
    if thread is None:
        return []
    replies = Comment.objects.select_related("author", "author_organisation").order_by("created_at", "pk")
    return list(
        thread.comments.filter(parent=None)
        .select_related("author", "author_organisation")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def counts_for(objects: Iterable[Any]) -> dict[int, int]:
    """Visible comments per object (pk → count), for objects of one commentable model: one query, none if
    there are no objects."""
    objects = list(objects)
    if not objects:
        return {}
    model = registry.entry_for(objects[0]).model._meta
    rows = (
        Comment.objects.filter(
            thread__content_type__app_label=model.app_label,
            thread__content_type__model=model.model_name,
            thread__object_id__in=[obj.pk for obj in objects],
            hidden_at=None,
        )
        .values_list("thread__object_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def reported_comments() -> QuerySet[Comment]:
    """Comments with open reports, oldest report first, each with its open reports."""
    open_reports = Report.objects.filter(resolved_at=None).select_related("reporter")
    return (
        Comment.objects.filter(reports__resolved_at=None)
        .distinct()
        .select_related("author", "author_organisation", "thread__content_type")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("pk")
    )


def hidden_comments() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(hidden_at__isnull=False)
        .select_related("author", "author_organisation", "hidden_by", "thread__content_type")
        .order_by("-hidden_at")
    )
