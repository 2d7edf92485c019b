"""The only writes to comments. Each runs in one transaction with its audit row.

Posts, replies, closing and moderation are recorded `public=True`: the actor pages show comment counts
and are cached on the newest public audit row (audit/cache.py). Reports are not shown anywhere public.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.permissions import actor_ids
from krokarm.audit.actions import Changes, record
from krokarm.comments import registry
from krokarm.comments.models import (
    MAX_CODE_POINTS_PER_CHARACTER,
    MAX_LENGTH,
    MAX_MARKS_PER_CHARACTER,
    Comment,
    Report,
    Thread,
    normalise,
)
from krokarm.lib.errors import Refused
from krokarm.lib.graphemes import clusters, has_visible, marks
from krokarm.notifications.actions import follow, notify_followers

SOURCE = "web"


class CommentRefused(Refused):
    """The comment (or the step) cannot be done; the message says why, in Swedish, for the person who tried.
    Pages show it with what the person wrote kept; anywhere else it answers 409."""


class ThreadClosed(CommentRefused):
    pass


class ReplyTooDeep(CommentRefused):
    pass


class TextInvalid(CommentRefused):
    pass


class ModerationRefused(CommentRefused):
    """Another coordinator decided on the comment after this one's page showed it, or there is nothing to decide."""


def check_text(text: str) -> str:
    """The text as it will be stored (models.normalise), or TextInvalid with a code: "required" (nothing written),
    "invisible" (nothing a reader would see), "too_many_marks" or "character_too_long" (one character built of
    too many parts, see models) or "too_long" (over MAX_LENGTH characters as a reader counts them)."""
    text = normalise(text)
    if not text:
        raise TextInvalid(_("Skriv en kommentar."), code="required")
    if not has_visible(text):
        raise TextInvalid(
            _("Kommentaren innehåller inga synliga tecken, bara mellanrum eller osynliga tecken. Skriv en kommentar."),
            code="invisible",
        )
    characters = clusters(text)
    if any(marks(character) > MAX_MARKS_PER_CHARACTER for character in characters):
        raise TextInvalid(
            _("Ett tecken i kommentaren har för många accenter eller andra tecken ovanpå sig: högst %(limit)d går.")
            % {"limit": MAX_MARKS_PER_CHARACTER},
            code="too_many_marks",
        )
    if any(len(character) > MAX_CODE_POINTS_PER_CHARACTER for character in characters):
        raise TextInvalid(
            _("Ett tecken i kommentaren är sammansatt av för många delar: högst %(limit)d går.")
            % {"limit": MAX_CODE_POINTS_PER_CHARACTER},
            code="character_too_long",
        )
    if len(characters) > MAX_LENGTH:
        raise TextInvalid(
            _("Kommentaren är för lång: skriv högst %(limit)d tecken (nu %(count)d).")
            % {"limit": MAX_LENGTH, "count": len(characters)},
            code="too_long",
        )
    return text


def thread_of(target: Any, *, create: bool = False) -> Thread | None:
    """The thread of a commentable object, locked for update; made if `create` (inside a transaction).

    Two requests making the same thread at once: the unique index keeps one; the other waits for it, then reads
    and locks it (so it sees, e.g., that the first just closed it)."""
    registry.entry_for(target)
    content_type = ContentType.objects.get_for_model(target)
    threads = Thread.objects.select_for_update().filter(content_type=content_type, object_id=target.pk)
    thread = threads.first()
    if thread is None and create:
        try:
            with transaction.atomic():
                thread = Thread.objects.create(content_type=content_type, object_id=target.pk)
        except IntegrityError:  # made by a concurrent request, which has committed it by now
            thread = Thread.objects.select_for_update().filter(content_type=content_type, object_id=target.pk).get()
    return thread


def post_comment(target: Any, *, user: Any, text: str, organisation: Any = None) -> Comment:
    """A new top-level comment on `target`. The caller has checked that `user` may comment (signed in);
    `organisation` must be None or an actor the user is affiliated with."""
    with transaction.atomic():
        thread = thread_of(target, create=True)
        assert thread is not None
        return _write(thread, None, user=user, text=text, organisation=organisation)


def reply(parent: Comment, *, user: Any, text: str, organisation: Any = None) -> Comment:
    """A reply to a top-level comment. Replies to replies are refused: threads are one level deep."""
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=parent.thread_id)
        if parent.parent_id is not None:
            raise ReplyTooDeep(_("Du kan bara svara på en kommentar, inte på ett svar."))
        return _write(thread, parent, user=user, text=text, organisation=organisation)


def _write(thread: Thread, parent: Comment | None, *, user: Any, text: str, organisation: Any) -> Comment:
    if thread.is_closed:
        raise ThreadClosed(_("Tråden är stängd för fler kommentarer."))
    text = check_text(text)
    if organisation is not None and organisation.pk not in actor_ids(user):
        raise CommentRefused(_("Du kan bara skriva för en organisation du tillhör."))
    comment = Comment.objects.create(
        thread=thread, parent=parent, author=user, author_organisation=organisation, text=text
    )
    action = "comment.replied" if parent else "comment.posted"
    record(action, comment, changes={"text": [None, text]}, source=SOURCE, user=user, organisation=organisation)
    # The author follows the thread from now on, to hear of replies; its other followers are told now.
    follow(user, thread, source=SOURCE)
    notify_followers(
        thread,
        NEW_COMMENT,
        reverse("comments:comment", args=[comment.pk]),
        exclude=user,
        params=_about(comment),
        about=user,
    )
    return comment


def close_thread(target: Any, *, user: Any, organisation: Any = None) -> Thread:
    """Close `target`'s thread for more comments. The caller has checked that `user` may (owner or coordinator).
    A thread that is already closed (someone closed it a moment ago) is refused with CommentRefused: the
    second of two closes is told, and nothing is recorded or notified twice."""
    with transaction.atomic():
        thread = thread_of(target, create=True)
        assert thread is not None
        if thread.is_closed:
            raise CommentRefused(_("Tråden är redan stängd för fler kommentarer."))
        thread.closed_at, thread.closed_by = timezone.now(), user
        thread.save(update_fields=["closed_at", "closed_by"])
        record("thread.closed", thread, changes={"closed": [False, True]}, **_who(user, organisation))
        notify_followers(thread, gettext_lazy("Tråden om %(label)s är stängd för fler kommentarer."), exclude=user)
        return thread


def reopen_thread(target: Any, *, user: Any, organisation: Any = None) -> Thread:
    """Open a closed thread again. The caller has checked that `user` may (owner or coordinator). A thread that
    is open already (someone reopened it a moment ago) is refused with CommentRefused."""
    with transaction.atomic():
        thread = thread_of(target)
        if thread is None or not thread.is_closed:
            raise CommentRefused(_("Tråden är redan öppen för kommentarer."))
        thread.closed_at, thread.closed_by = None, None
        thread.save(update_fields=["closed_at", "closed_by"])
        record("thread.reopened", thread, changes={"closed": [True, False]}, **_who(user, organisation))
        notify_followers(thread, gettext_lazy("Tråden om %(label)s är öppen för kommentarer igen."), exclude=user)
        return thread


def report_comment(comment: Comment, *, user: Any, reason: str) -> Report:
    """A signed-in reader reports a comment to the coordinators' moderation queue."""
    with transaction.atomic():
        report = Report.objects.create(comment=comment, reporter=user, reason=reason.strip())
        record("comment.reported", comment, changes={"reason": [None, report.reason]}, public=False, **_who(user))
        return report


def hide_comment(comment: Comment, *, user: Any, reason: str, expected_version: int | None = None) -> Comment:
    """A coordinator hides a comment, with a reason shown in its place; its open reports are resolved.
    Refused (ModerationRefused) when it is hidden already, or, given `expected_version` (the version the
    coordinator's page showed), when another coordinator decided on it since: their decision stands."""
    with transaction.atomic():
        comment = _for_moderation(comment, expected_version)
        if comment.is_hidden:
            raise ModerationRefused(_("Kommentaren är redan dold."))
        reason = reason.strip()
        changes: Changes = {"hidden": [comment.is_hidden, True], "hidden_reason": [comment.hidden_reason, reason]}
        comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), user, reason
        comment.version += 1
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "version"])
        _resolve_reports(comment, Report.Resolution.HIDDEN)
        record("comment.hidden", comment, changes=changes, **_who(user))
        return comment


def restore_comment(comment: Comment, *, user: Any, reason: str, expected_version: int | None = None) -> Comment:
    """A coordinator shows a hidden (or reported) comment again; the reason goes in the audit log and its
    open reports are resolved as "may be shown". Refused (ModerationRefused) when there is nothing to decide (it
    is shown and nobody reports it), or, given `expected_version`, when another coordinator decided since."""
    with transaction.atomic():
        comment = _for_moderation(comment, expected_version)
        if not comment.is_hidden and not comment.reports.filter(resolved_at=None).exists():
            raise ModerationRefused(_("Kommentaren syns redan och ingen anmälan väntar på beslut."))
        changes: Changes = {"hidden": [comment.is_hidden, False], "restore_reason": [None, reason.strip()]}
        comment.hidden_at, comment.hidden_by, comment.hidden_reason = None, None, ""
        comment.version += 1
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "version"])
        _resolve_reports(comment, Report.Resolution.KEPT)
        record("comment.restored", comment, changes=changes, **_who(user))
        return comment


def _for_moderation(comment: Comment, expected_version: int | None) -> Comment:
    """The comment re-read under a row lock: of two coordinators deciding at once, the second waits, then finds
    the version moved on and is told what the first decided."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if expected_version is not None and comment.version != expected_version:
        if comment.is_hidden:
            decided = _("En annan samordnare har redan dolt kommentaren, med skälet: %(reason)s") % {
                "reason": comment.hidden_reason
            }
        else:
            decided = _("En annan samordnare har redan beslutat att kommentaren får synas.")
        not_saved = _("Ditt beslut sparades inte.")
        raise ModerationRefused(f"{decided} {not_saved}")
    return comment


def _resolve_reports(comment: Comment, resolution: str) -> None:
    comment.reports.filter(resolved_at=None).update(resolved_at=timezone.now(), resolution=resolution)


# Told to the thread's followers; the author's name is shown with every comment anyway.
NEW_COMMENT = gettext_lazy("%(author)s har skrivit i en tråd du följer: ”%(excerpt)s”")


def _about(comment: Comment) -> dict[str, str]:
    author = comment.author.get_full_name() or comment.author.username if comment.author else ""
    excerpt = comment.text if len(comment.text) <= 80 else comment.text[:79] + "…"
    return {"author": author, "excerpt": excerpt}


def _who(user: Any, organisation: Any = None) -> dict[str, Any]:
    return {"source": SOURCE, "user": user, "organisation": organisation}
