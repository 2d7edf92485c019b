"""The outbox: every e-mail krokarm sends, stored in the transaction of the change that causes it and sent
later by the worker (delivery.py), so a slow or absent mail server never slows a page or loses a message.

A message is *queued* until its `next_attempt_at`, *sending* while one worker holds its claim (until
`claimed_until`), then *sent*, or *failed* after EMAIL_MAX_ATTEMPTS tries. Rows hold e-mail addresses,
which are personal data: sent messages are deleted after EMAIL_RETENTION_DAYS (actions.purge_sent).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckat")

    recipients = models.JSONField(_("mottagare"), default=list)
    subject = models.CharField(_("ämne"), max_length=300)
    body = models.TextField(_("text"))
    reply_to = models.JSONField(_("svara till"), default=list, blank=True)
    headers = models.JSONField(_("extra rubriker"), default=dict, blank=True)
    language = models.CharField(_("språk"), max_length=10, default="sv")
    # What caused the message, e.g. "case.submitted": shown to coordinators next to a failed message.
    purpose = models.CharField(_("anledning"), max_length=60)
    # The Message-ID header, the same on every attempt, so a receiving server (and a person) can recognise a
    # message sent twice when a worker died between handing it over and marking it sent.
    message_id = models.CharField(_("meddelande-id"), max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    # The worker run that is sending it and until when; a claim past its deadline belongs to a dead worker.
    claim = models.UUIDField(_("tagen av"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("tagen till"), null=True, blank=True)
    last_error = models.TextField(_("senaste felet"), blank=True)
    created_at = models.DateTimeField(_("skapat"), default=timezone.now)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-postmeddelande")
        verbose_name_plural = _("e-postmeddelanden")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["status", "sent_at"], name="outbox_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.subject[:60]}"
