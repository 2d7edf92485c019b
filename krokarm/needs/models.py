"""Regional needs (regionala behov): a region tells the agencies what it needs, and they answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_LENGTH = 200
DESCRIPTION_LENGTH = 5000
ANSWER_LENGTH = 2000
REPLY_LENGTH = 2000


class Need(models.Model):
    """What one region needs from others, by a date, with the actors it invites to answer."""

    class Status(models.TextChoices):
        OPEN = "oppet", _("Öppet")
        CLOSED = "stangt", _("Stängt")
        # Set when a need is taken further as a challenge (a later issue's challenges app).
        BECAME_CHALLENGE = "utmaning", _("Blev utmaning")

    region = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="needs",
        limit_choices_to={"kind": "region"},
    )
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_LENGTH)
    themes = models.ManyToManyField("actors.Theme", verbose_name=_("teman"), blank=True, related_name="needs")
    needed_by = models.DateField(_("behövs senast"), null=True, blank=True)
    invited = models.ManyToManyField(
        "actors.Actor", verbose_name=_("inbjudna aktörer"), blank=True, related_name="invited_to_needs"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    became = models.CharField(
        _("blev"), max_length=300, blank=True, help_text=_("Vad behovet blev, till exempel en utmaning.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_created",
    )
    created_at = models.DateTimeField(_("skapat"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)
    closed_at = models.DateTimeField(_("stängt"), null=True, blank=True)
    # Moves on with every change (audit.actions.save_tracked): an edit form sent against an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Answer(models.Model):
    """An organisation's answer to a need: an offer, a question or an interest; the region may reply once."""

    class Kind(models.TextChoices):
        OFFER = "erbjudande", _("Erbjudande")
        QUESTION = "fraga", _("Fråga")
        INTEREST = "intresse", _("Intresse")

    need = models.ForeignKey(Need, verbose_name=_("behov"), on_delete=models.CASCADE, related_name="answers")
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("svarar för"), on_delete=models.PROTECT, related_name="need_answers"
    )
    kind = models.CharField(_("typ av svar"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=ANSWER_LENGTH)
    # A deleted account leaves the organisation's answer.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skribent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="need_answers",
    )
    created_at = models.DateTimeField(_("skrivet"), default=timezone.now)
    reply = models.CharField(_("regionens svar"), max_length=REPLY_LENGTH, blank=True)
    replied_at = models.DateTimeField(_("besvarat"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moves on with every reply: a reply form sent against an older one is refused, so two of the region's
    # editors replying at once never silently replace each other's reply.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("svar på behov")
        verbose_name_plural = _("svar på behov")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
