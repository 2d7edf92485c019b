"""API tokens: how a program acts for a person when it writes through the API."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, now: datetime | None = None) -> ApiTokenQuerySet:
        """Tokens that may authenticate now: not revoked, not expired, and their user still active."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A personal key for the API's write operations, acting with its user's rights.

    Only a SHA-256 hash of the key is stored (like an invitation's link): a database leak must not let anyone
    write. The first characters are kept in the clear so that the owner can tell their keys apart.
    """

    PREFIX = "krk_"
    VISIBLE_LENGTH = 12  # "krk_" and eight characters of the random part

    class Status(models.TextChoices):
        ACTIVE = "active", _("Gäller")
        EXPIRED = "expired", _("Har gått ut")
        REVOKED = "revoked", _("Återkallad")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("namn"), max_length=100)
    token_hash = models.CharField(_("kontrollsumma"), max_length=64, unique=True)
    prefix = models.CharField(_("början av nyckeln"), max_length=VISIBLE_LENGTH)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    expires_at = models.DateTimeField(_("gäller till"))
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def status(self, now: datetime | None = None) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return self.Status.EXPIRED
        return self.Status.ACTIVE

    def get_status_display(self) -> str:
        return str(self.Status(self.status()).label)
