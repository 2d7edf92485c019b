"""Follows, the notifications they bring, and each person's choice of e-mail digest.

A follow points at any model that opts in (registry.py); a notification is a line of text with a link,
written once per follower when something happens to what they follow. Notifications are also the table
of pending e-mail: `send_digests` claims the unsent ones atomically (`digest_claim`) before it sends.
Everything here belongs to one person and goes with their account (CASCADE); a notification that repeats
another person's name or words goes with that person's account too (Notification.about).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows one object: they are told when something happens to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("typ av objekt"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("objektets id"))
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("följer sedan"), default=timezone.now)

    class Meta:
        verbose_name = _("följning")
        verbose_name_plural = _("följningar")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="one_follow_per_user_and_object")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """One thing that happened, for one person: shown in their list and e-mailed in their digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("text"), max_length=300)
    # The person whose name or words the text repeats (a comment's author): the notification goes with their
    # account, so that deleting it leaves nothing of them in other people's lists (GDPR art. 17).
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("om användare"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(_("adress"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("skickad med e-post"), null=True, blank=True)
    # Set by the one digest run that sends this notification (see actions.claim_digest).
    digest_claim = models.UUIDField(_("sammanfattning"), null=True, blank=True, db_index=True)
    # When it was claimed: a claim older than DIGEST_CLAIM_TIMEOUT belongs to a run that died, and is taken over.
    claimed_at = models.DateTimeField(_("tagen för sammanfattning"), null=True, blank=True)

    class Meta:
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """How often a person wants their unread notifications by e-mail. No row means the default (daily)."""

    class Frequency(models.TextChoices):
        DAILY = "dagligen", _("Dagligen")
        WEEKLY = "varje vecka", _("Varje vecka")
        OFF = "av", _("Av")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    digest_frequency = models.CharField(
        _("sammanfattning med e-post"), max_length=20, choices=Frequency.choices, default=Frequency.DAILY
    )

    class Meta:
        verbose_name = _("aviseringsinställning")
        verbose_name_plural = _("aviseringsinställningar")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.digest_frequency}"
