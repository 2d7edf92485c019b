"""How comments are found by site search: the visible ones, each pointing at its place in its thread."""

from __future__ import annotations

from django.utils.translation import gettext, override

from krokarm.comments import registry as comment_registry
from krokarm.comments.models import Comment
from krokarm.search.registry import Document, register


def comment_document(comment: Comment) -> Document | None:
    if comment.hidden_at is not None:
        return None
    target = comment.thread.target
    if target is None:
        return None
    entry = comment_registry.entry_for(target)
    with override("sv"):  # what is stored is Swedish, whoever's request saved the comment
        title = gettext("Kommentar om %(label)s") % {"label": entry.label(target)}
    return Document(
        title=title,
        text=comment.text,
        url=f"{entry.thread_url(target)}#kommentar-{comment.pk}",
        date=comment.created_at.date(),
    )


def register_all() -> None:
    register(
        Comment,
        kind="kommentar",
        document=comment_document,
        queryset=lambda: Comment.objects.select_related("thread__content_type"),
    )
