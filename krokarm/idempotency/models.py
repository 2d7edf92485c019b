"""One-time keys: a form or an API request that creates something is carried out once per key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Key(models.Model):
    """A key a form or an API client sent with a request that creates something, and what that request made.

    `scope` keeps people's keys apart (a signed-in user, an API token's user, or "anonymous"), so that nobody can
    learn what someone else's key made. Keys are deleted after KEEP_DAYS by `purge_personal_data`.
    """

    scope = models.CharField(_("vems"), max_length=80)
    key = models.CharField(_("nyckel"), max_length=64)
    purpose = models.CharField(_("vad"), max_length=80)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # A web form's result: where the first submission led. An API request's result: its status and JSON body.
    result_url = models.CharField(_("resultatets adress"), max_length=500, blank=True)
    response_status = models.PositiveSmallIntegerField(_("svarets status"), null=True, blank=True)
    response_body = models.TextField(_("svarets innehåll"), blank=True)
    request_hash = models.CharField(_("förfrågans kontrollsumma"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("engångsnyckel")
        verbose_name_plural = _("engångsnycklar")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="one_use_per_key")]
        indexes = [models.Index(fields=["created_at"], name="idempotency_key_age")]

    def __str__(self) -> str:
        return f"{self.purpose} {self.key[:8]}…"
