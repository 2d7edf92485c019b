"""The only writes to follows, notifications and digest preferences.

Following, unfollowing and changing one's digest are audited `public=False`: no public page shows them,
so they leave the page cache alone (audit/cache.py). Notifications themselves are not audited: they are
written inside the transaction of the audited change they tell about, by `notify_followers`.

Notifications are also the table of pending e-mail. `send_digests` claims the unsent ones with one UPDATE
that sets a fresh `digest_claim` only where none is set, reads back exactly the rows it claimed, queues one
digest e-mail per person in the outbox and marks the notifications e-mailed, all in one transaction: two runs
(or a run repeated by the schedule) can never both e-mail the same notification, and a run that dies leaves
nothing claimed. The outbox's worker sends the e-mail and retries it; the digest run never waits for a server.

`resend_failed_mail` is the coordinators' "Skicka igen" for an outbox message that could not be sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from krokarm.accounts.models import User
from krokarm.audit.actions import record
from krokarm.notifications import registry
from krokarm.notifications.models import Follow, Notification, Preference
from krokarm.outbox import actions as outbox
from krokarm.outbox.models import Message

SOURCE = "web"
TEXT_LENGTH = Notification._meta.get_field("text").max_length or 300
Frequency = Preference.Frequency


def follow(user: Any, target: Any, *, source: str = SOURCE) -> Follow:
    """`user` follows `target` (a registered model). The caller has checked that they may see it
    (`permissions.get_followable`); following
    twice is harmless and writes nothing the second time."""
    content_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        existing = Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).first()
        if existing is not None:
            return existing
        created = Follow.objects.create(user=user, content_type=content_type, object_id=target.pk)
        changes = {"following": [False, True]}
        record("follow.started", target, changes=changes, source=source, user=user, public=False)
        return created


def unfollow(user: Any, target: Any, *, source: str = SOURCE) -> bool:
    """`user` stops following `target`. True if they did follow it."""
    content_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        deleted, _rows = Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).delete()
        if deleted:
            changes = {"following": [True, False]}
            record("follow.stopped", target, changes=changes, source=source, user=user, public=False)
        return bool(deleted)


def _message(text: str | Promise, params: dict[str, Any] | None) -> str:
    """`text` with its `params` in the site's language, cut to fit. A date or a moment among the params reads
    as on the pages ("6 december 2026", "6 december 2026 kl. 14:30"), so callers pass the value itself."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {key: _in_words(value) for key, value in (params or {}).items()}
        message = str(text) % values if values else str(text)
    return message if len(message) <= TEXT_LENGTH else message[: TEXT_LENGTH - 1] + "…"


def _in_words(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value)
    return value


def notify_followers(
    target: Any,
    text: str | Promise,
    url: str | None = None,
    *,
    exclude: Any = None,
    params: dict[str, Any] | None = None,
    also: Iterable[Any] = (),
    about: Any = None,
) -> int:
    """Write one notification for each follower of `target` (one query to find them, one to insert).

    `also` names more objects (e.g. the networks a region belongs to) whose followers are told too; someone
    who follows several of them still gets one notification.

    Call it inside the transaction of the change it tells about, so both are kept or neither. `text` is a
    message marked for translation (gettext_lazy) with `%(label)s` for the object's name and `params` for
    the rest; it is stored in the site's language (Swedish), whatever language the person acting uses.
    `url` defaults to the object's own page; `exclude` is the person acting, who needs no notice.
    Followers the object's `audience` no longer includes are skipped. A text that repeats a person's name or
    words (a comment's author and excerpt) must name that person as `about`: the notifications are deleted with
    their account. Returns how many were written.
    """
    entry = registry.entry_for(target)
    followed = Q(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    for other in also:
        followed |= Q(content_type=ContentType.objects.get_for_model(other), object_id=other.pk)
    followers = Follow.objects.filter(followed, user__is_active=True)
    if getattr(exclude, "pk", None) is not None:
        followers = followers.exclude(user_id=exclude.pk)
    if entry.audience is not None:
        followers = followers.filter(user_id__in=User.objects.filter(entry.audience(target)).values("pk"))
    user_ids = list(followers.values_list("user_id", flat=True).distinct())
    if not user_ids:
        return 0
    values = dict(params or {})
    if "%(label)s" in str(text):
        with translation.override(settings.LANGUAGE_CODE):
            values["label"] = entry.label(target)
    message = _message(text, values)
    link = url if url is not None else entry.url(target)
    now = timezone.now()
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, text=message, url=link, about=about, created_at=now) for user_id in user_ids]
    )
    return len(user_ids)


def notify_user(user: Any, text: str | Promise, url: str, *, params: dict[str, Any] | None = None) -> Notification:
    """Write one notification for one person about something done to them (e.g. their authenticator app was
    reset), followed or not. Call it inside the transaction of the change it tells about; `text` (gettext_lazy,
    `params` for its placeholders) is stored in the site's language."""
    message = _message(text, params)
    return Notification.objects.create(user=user, text=message, url=url, created_at=timezone.now())


def notify_users(
    users: Iterable[Any],
    text: str | Promise,
    url: str,
    *,
    params: dict[str, Any] | None = None,
    exclude: Any = None,
    emailed: bool = False,
) -> int:
    """Write one notification for each of `users` (an organisation's staff) about something that arrived for
    them, followed or not, in one insert; someone listed twice is told once and inactive users not at all.
    Call it inside the transaction of the change it tells about; `text` (gettext_lazy, `params` for its
    placeholders) is stored in the site's language. `exclude` is the person acting.

    `emailed=True` when the caller has e-mailed these people about the same thing in the same transaction (a new
    case, which cannot wait for tomorrow's digest): the notification is then marked e-mailed, so the digest does
    not send it a second time. Returns how many were written."""
    skip = getattr(exclude, "pk", None)
    told: dict[int, Any] = {}
    for user in users:
        if user.pk != skip and user.is_active:
            told.setdefault(user.pk, user)
    if not told:
        return 0
    message = _message(text, params)
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=pk,
                text=message,
                url=url,
                created_at=now,
                emailed_at=now if emailed and user.email else None,
            )
            for pk, user in told.items()
        ]
    )
    return len(told)


def mark_read(notification: Notification, *, now: dt.datetime | None = None) -> Notification:
    """Mark one of the user's notifications read. The caller has checked it is theirs (permissions)."""
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=notification.read_at)
    return notification


def mark_all_read(user: Any, *, now: dt.datetime | None = None) -> int:
    """Mark every unread notification of `user` read. Returns how many were unread."""
    return Notification.objects.filter(user=user, read_at=None).update(read_at=now or timezone.now())


def set_digest_frequency(user: Any, frequency: str, *, source: str = SOURCE) -> Preference:
    """How often `user` gets their unread notifications by e-mail: a Preference.Frequency value."""
    frequency = Frequency(frequency)
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(user=user)
        if preference.digest_frequency != frequency:
            changes = {"digest_frequency": [preference.digest_frequency, str(frequency)]}
            preference.digest_frequency = frequency
            preference.save(update_fields=["digest_frequency"])
            record("preference.updated", preference, changes=changes, source=source, user=user, public=False)
        return preference


def digest_frequency(user: Any) -> str:
    """The user's digest frequency; daily when they have never chosen."""
    found = Preference.objects.filter(user=user).values_list("digest_frequency", flat=True).first()
    return found or Frequency.DAILY


@dataclass
class DigestSummary:
    emails: int = 0
    items: int = 0


# A claim can only outlive its run if the run committed it without e-mailing (which the code no longer does: the
# claim, the queued e-mail and `emailed_at` commit together) or if the claim was made by a version before the
# outbox. Such a claim is taken over after this long.
DIGEST_CLAIM_TIMEOUT = dt.timedelta(hours=1)


def claim_digest(frequency: str, *, now: dt.datetime | None = None) -> uuid.UUID:
    """Claim every notification due in a `frequency` digest for this run, in one UPDATE, and return the claim.

    Due: not e-mailed, not read, not claimed by another run, for an active user with an e-mail address whose
    chosen frequency is `frequency` (users who never chose are daily; "av" is never due). The conditions on
    the notification row itself are in the UPDATE's own WHERE, so a second run waiting on the same rows skips
    those the first has claimed, on PostgreSQL as on SQLite. Call it inside the run's transaction.
    """
    frequency = Frequency(frequency)
    if frequency == Frequency.OFF:
        raise ValueError("there is no digest for users who have turned it off")
    others = Preference.objects.exclude(digest_frequency=frequency).values("user_id")
    chosen = Preference.objects.filter(digest_frequency=frequency).values("user_id")
    users = User.objects.filter(is_active=True).exclude(email="").values("pk")
    frequency_matches = ~Q(user_id__in=others) if frequency == Frequency.DAILY else Q(user_id__in=chosen)
    now = now or timezone.now()
    unclaimed = Q(digest_claim=None) | Q(claimed_at__lt=now - DIGEST_CLAIM_TIMEOUT)
    claim = uuid.uuid4()
    Notification.objects.filter(unclaimed, frequency_matches, emailed_at=None, read_at=None, user_id__in=users).update(
        digest_claim=claim, claimed_at=now
    )
    return claim


def queue_claimed(claim: uuid.UUID, frequency: str, *, now: dt.datetime | None = None) -> DigestSummary:
    """Queue one digest e-mail per person for the notifications of `claim` and mark them e-mailed. Call it in
    the transaction that made the claim, so the claim, the e-mail and the mark are kept or lost together."""
    now = now or timezone.now()
    summary = DigestSummary()
    claimed = Notification.objects.filter(digest_claim=claim).select_related("user").order_by("user_id", "created_at")
    by_user: dict[int, list[Notification]] = {}
    for notification in claimed:
        by_user.setdefault(notification.user_id, []).append(notification)
    for items in by_user.values():
        _queue_digest(items[0].user, items, frequency)
        summary.emails += 1
        summary.items += len(items)
    Notification.objects.filter(digest_claim=claim).update(emailed_at=now)
    return summary


def send_digests(frequency: str, now: dt.datetime | None = None) -> DigestSummary:
    """Queue for every `frequency` user one e-mail of their unread, un-e-mailed notifications, once each. Safe to
    run twice or in parallel: see `claim_digest`. Run daily with "dagligen" and weekly with "varje vecka"."""
    with transaction.atomic():
        return queue_claimed(claim_digest(frequency, now=now), frequency, now=now)


def resend_failed_mail(message: Message, *, user: Any, source: str = SOURCE) -> bool:
    """A coordinator sends a message that could not be sent again: it gets a fresh set of attempts, and the
    audit log records who asked. False (and no audit row) if it was no longer failed, e.g. a double click.
    The caller has checked permissions.can_resend_mail(user)."""
    with transaction.atomic():
        if not outbox.requeue(message):
            return False
        changes = {"status": [Message.Status.FAILED.value, Message.Status.QUEUED.value]}
        record("mail.resent", message, changes=changes, source=source, user=user, public=False)
        return True


def _queue_digest(user: Any, items: Iterable[Notification], frequency: str) -> None:
    items = list(items)
    site = settings.SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Nytt på krokarm: en avisering")
            if len(items) == 1
            else _("Nytt på krokarm: %(count)d aviseringar") % {"count": len(items)}
        )
        lines = [_("Hej!"), "", _("Det här har hänt i det du följer på krokarm:"), ""]
        for item in items:
            lines.append(f"– {item.text}")
            if item.url:
                lines.append(f"  {site}{item.url}")
        lines += [
            "",
            _("Alla dina aviseringar: %(url)s") % {"url": site + reverse("notifications:list")},
            _("Du får den här sammanfattningen %(frequency)s. Ändra eller stäng av den här: %(url)s")
            % {"frequency": str(Frequency(frequency).label).lower(), "url": site + reverse("notifications:settings")},
        ]
    outbox.queue_mail(
        to=[user.email],
        subject=subject,
        body="\n".join(lines),
        purpose=f"notifications.digest.{Frequency(frequency).name.lower()}",
        language=settings.LANGUAGE_CODE,
    )
