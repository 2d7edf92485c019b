"""Challenges (utmaningar): actors agree on *what* a challenge is; each region shows *how* it works on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import CurrentManager

TITLE_LENGTH = 200
GOAL_LENGTH = 2000
DESCRIPTION_LENGTH = 5000
OUTCOME_LENGTH = 500
SUMMARY_LENGTH = 3000
MEASURES_LENGTH = 5000


class Challenge(models.Model):
    """A shared challenge: one goal statement, desired outcomes, a lead and participants."""

    class Kind(models.TextChoices):
        GENERAL = "generell", _("Generell – samma överallt")
        PLACE_BASED = "platsbaserad", _("Platsbaserad – beror på platsen")

    class Status(models.TextChoices):
        PROPOSED = "forslag", _("Förslag")
        AGREED = "overenskommen", _("Överenskommen")
        ONGOING = "pagaende", _("Pågående")
        CLOSED = "avslutad", _("Avslutad")

    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    goal = models.TextField(
        _("gemensamt mål"),
        max_length=GOAL_LENGTH,
        help_text=_("Vad aktörerna är överens om att uppnå, i en eller ett par meningar."),
    )
    description = models.TextField(_("bakgrund"), max_length=DESCRIPTION_LENGTH, blank=True)
    kind = models.CharField(_("typ av utmaning"), max_length=14, choices=Kind.choices, default=Kind.GENERAL)
    themes = models.ManyToManyField("actors.Theme", verbose_name=_("teman"), blank=True, related_name="challenges")
    lead = models.ForeignKey(
        "actors.Actor", verbose_name=_("leds av"), on_delete=models.PROTECT, related_name="led_challenges"
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    from_need = models.ForeignKey(
        "needs.Need",
        verbose_name=_("från behov"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    unconfirmed = models.TextField(
        _("obekräftat"),
        blank=True,
        help_text=_("Vilka uppgifter som inte är bekräftade i källorna; visas som obekräftade på sidan."),
    )
    source = models.URLField(_("källa"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges_created",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # A challenge data/challenges/ no longer holds, kept because people comment on or follow it.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, its own page, comments and follows
    objects = CurrentManager()

    class Meta:
        verbose_name = _("utmaning")
        verbose_name_plural = _("utmaningar")
        ordering = ["title", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        # The slug stays unique among retired challenges too: it is the address of the page that still opens.

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:detail", args=[self.slug])


class Outcome(models.Model):
    """A desired outcome of a challenge and the indicator that shows progress towards it."""

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("utmaning"), on_delete=models.CASCADE, related_name="outcomes"
    )
    text = models.CharField(_("önskat resultat"), max_length=OUTCOME_LENGTH)
    indicator = models.CharField(_("indikator"), max_length=OUTCOME_LENGTH, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    # An outcome from data/ that the challenge's editors took away: kept out of sight so the seed does not
    # bring it back (actions._take_away).
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta:
        verbose_name = _("önskat resultat")
        verbose_name_plural = _("önskade resultat")
        ordering = ["order", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """An organisation taking part in a challenge, with an honest role."""

    class Role(models.TextChoices):
        LEADS = "leder", _("Leder")
        CONTRIBUTES = "bidrar", _("Bidrar")
        FUNDS = "finansierar", _("Finansierar")

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("utmaning"), on_delete=models.CASCADE, related_name="participants"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="challenge_participations",
    )
    role = models.CharField(_("roll"), max_length=12, choices=Role.choices, default=Role.CONTRIBUTES)
    note = models.CharField(_("vad organisationen gör"), max_length=500, blank=True)
    source = models.URLField(_("källa"), max_length=500, blank=True)
    added_at = models.DateTimeField(_("tillagd"), default=timezone.now)
    # An organisation that left (actions.remove_participant): kept out of sight, so that the seed does not bring
    # one from data/ back; joining again brings the same row back.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["role", "actor__name", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "actor"], condition=Q(retired_at__isnull=True), name="challenge_participant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class Approach(models.Model):
    """How one region works on a challenge locally: summary, measures, status, contact and timeline."""

    class Status(models.TextChoices):
        PLANNED = "planerad", _("Planerad")
        ONGOING = "pagar", _("Pågår")
        DONE = "klar", _("Klar")
        PAUSED = "pausad", _("Pausad")

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("utmaning"), on_delete=models.CASCADE, related_name="approaches"
    )
    region = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="challenge_approaches",
        limit_choices_to={"kind": "region"},
    )
    summary = models.TextField(_("så arbetar vi"), max_length=SUMMARY_LENGTH)
    measures = models.TextField(
        _("insatser"),
        max_length=MEASURES_LENGTH,
        blank=True,
        help_text=_("En insats per rad."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # A functional contact (a role or a shared mailbox), not a private person: it is shown publicly.
    contact_name = models.CharField(_("kontakt (funktion eller roll)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post till kontakten"), blank=True)
    starts_on = models.DateField(_("startar"), null=True, blank=True)
    ends_on = models.DateField(_("slutar"), null=True, blank=True)
    unconfirmed = models.TextField(_("obekräftat"), blank=True)
    source = models.URLField(_("källa"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_approaches_created",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("regionalt arbetssätt")
        verbose_name_plural = _("regionala arbetssätt")
        ordering = ["region__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "region"], name="challenge_approach_unique_region"),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} – {self.region}"

    def get_absolute_url(self) -> str:
        return f"{self.challenge.get_absolute_url()}#arbetssatt-{self.region.slug}"

    @property
    def measure_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.measures.splitlines() if line.strip(" -•\t")]
