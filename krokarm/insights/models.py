"""What people ask the way in, and whether the answer helped: the usage log behind the insights."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.wayin.forms import ASKERS


class AskedQuestion(models.Model):
    """One question asked on the question page, with what the way in answered and the asker's feedback.

    A usage log, not shared data: writes get NO audit row. An audit row moves the data version that keys
    the public page cache (krokarm/audit/cache.py), so auditing every question would empty the cache on
    every question. Only the text may hold personal data; `purge_question_texts` empties it after the
    retention period. The feedback stores nothing about who gave it.
    """

    class Confidence(models.TextChoices):
        HIGH = "high", _("Hög")
        MEDIUM = "medium", _("Medel")
        LOW = "low", _("Låg")

    public_id = models.UUIDField(_("publikt id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("ställd"), default=timezone.now, db_index=True)
    text = models.TextField(_("frågan"), blank=True)
    text_purged_at = models.DateTimeField(_("texten raderad"), null=True, blank=True)
    asker = models.CharField(_("frågeställare"), max_length=30, choices=ASKERS, blank=True)
    asker_inferred = models.BooleanField(_("frågeställaren tolkad ur frågan"), default=False)
    county = models.ForeignKey(
        "regions.County", verbose_name=_("län"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    topic = models.ForeignKey(
        "actors.Theme",
        verbose_name=_("närmaste ämne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confidence = models.CharField(_("säkerhet"), max_length=10, choices=Confidence.choices)
    top_actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("första aktören i svaret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    results = models.PositiveSmallIntegerField(_("antal aktörer i svaret"), default=0)
    # Every actor the answer offered, so that coordinators see which of them people are sent to most often while
    # nobody there can receive a case (queries.unreachable_actors).
    proposed = models.ManyToManyField("actors.Actor", verbose_name=_("aktörer i svaret"), blank=True, related_name="+")
    helpful = models.BooleanField(_("fick svar"), null=True, blank=True)
    feedback_at = models.DateTimeField(_("återkoppling given"), null=True, blank=True)

    class Meta:
        verbose_name = _("ställd fråga")
        verbose_name_plural = _("ställda frågor")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.public_id}"

    @property
    def place_name(self) -> str:
        """The municipality, else the county, else ""; the caller selects both relations."""
        if self.municipality_id and self.municipality:
            return self.municipality.name
        return self.county.name if self.county_id and self.county else ""
