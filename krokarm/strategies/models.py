"""Regional development strategies (RUS): each region's strategy, its revision process with phases, the entry
points where agencies can contribute, and the agencies' contributions.

A strategy is the adopted document; a process is the work of revising it (or of following it up), made of
phases from the start decision to follow-up (förordning 2017:583, 12 §: reviewed at least once per electoral
term); an entry point is a moment in a phase where the region asks agencies for something (analysis, taking part
in a dialogue, a remiss answer, joint implementation), with a window and the agencies invited.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import CurrentManager

# How much an organisation may send to an entry point (the forms and the actions check the same numbers).
INTEREST_LENGTH = 2_000
CONTRIBUTION_LENGTH = 10_000
ACKNOWLEDGEMENT_LENGTH = 2_000
MAX_ATTACHMENTS = 5


class Strategy(models.Model):
    """A region's regional development strategy (RUS), with the facts as the region published them."""

    region = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="strategies",
        limit_choices_to={"kind": "region"},
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=300)
    is_current = models.BooleanField(_("gällande"), default=True)
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)
    adopted_text = models.CharField(
        _("antagen (i ord)"), max_length=200, blank=True, help_text=_("T.ex. ”våren 2018” när dagen inte är känd.")
    )
    revised_on = models.DateField(_("senast reviderad"), null=True, blank=True)
    revised_text = models.CharField(
        _("senast reviderad (i ord)"), max_length=200, blank=True, help_text=_("T.ex. ”oktober 2022”.")
    )
    decision_body = models.CharField(_("beslutande organ"), max_length=200, blank=True)
    horizon = models.CharField(
        _("tidshorisont"), max_length=100, blank=True, help_text=_("T.ex. 2030 eller 2020–2035.")
    )
    url = models.URLField(_("länk till strategin"), max_length=500, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    unconfirmed = models.TextField(
        _("obekräftat"),
        blank=True,
        help_text=_("Vilka uppgifter som inte är bekräftade i källorna; visas som obekräftade på sidan."),
    )
    source_url = models.URLField(_("källa"), max_length=500)

    class Meta:
        verbose_name = _("regional utvecklingsstrategi")
        verbose_name_plural = _("regionala utvecklingsstrategier")
        ordering = ["region__name", "-is_current", "name"]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    """One of a strategy's priorities, linked to the national strategy's areas (actors.Theme, strategic_area)."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategi"), on_delete=models.CASCADE, related_name="priorities"
    )
    title = models.CharField(_("prioritering"), max_length=300)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    national_areas = models.ManyToManyField(
        "actors.Theme",
        verbose_name=_("den nationella strategins områden"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "strategic_area"},
    )

    class Meta:
        verbose_name = _("prioritering")
        verbose_name_plural = _("prioriteringar")
        ordering = ["strategy", "position"]

    def __str__(self) -> str:
        return self.title


class Process(models.Model):
    """A region's work on its strategy: a revision under way, or implementing and following up the current one."""

    class Status(models.TextChoices):
        REVISION = "revidering", _("Revidering pågår")
        IMPLEMENTATION = "genomforande", _("Genomförande")
        FOLLOW_UP = "uppfoljning", _("Uppföljning")

    region = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="strategy_processes",
        limit_choices_to={"kind": "region"},
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processes",
        help_text=_("Den strategi som revideras eller genomförs."),
    )
    title = models.CharField(_("namn"), max_length=300)
    status = models.CharField(_("läge"), max_length=20, choices=Status.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processer")
        ordering = ["region__name", "title"]

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    """A step of a process, in the order of PHASES; dates may be planned rather than confirmed."""

    class Kind(models.TextChoices):
        START = "startbeslut", _("Startbeslut")
        ANALYSIS = "analys", _("Analys")
        DIALOGUE = "dialog", _("Dialog")
        DRAFTING = "forslag", _("Framtagande av förslag")
        CONSULTATION = "remiss", _("Remiss och samråd")
        DECISION = "beslut", _("Beslut")
        IMPLEMENTATION = "genomforande", _("Genomförande")
        FOLLOW_UP = "uppfoljning", _("Uppföljning")

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("fas"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    planned = models.BooleanField(
        _("planerade datum"), default=False, help_text=_("Datumen är planerade, inte utfall.")
    )
    note = models.TextField(_("anteckning"), blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("fas")
        verbose_name_plural = _("faser")
        ordering = ["process", "starts_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["process", "kind"], name="one_phase_of_each_kind_per_process")]

    def __str__(self) -> str:
        return f"{self.process} – {self.get_kind_display()}"

    @property
    def provenance_source_url(self) -> str:
        """The source its dates are checked against (krokarm.audit.provenance): its own, else its process's (the
        seed gives a phase without one its process's). The caller must have loaded the process."""
        return self.source_url or self.process.source_url


class EntryPoint(models.Model):
    """Where, in a phase, the region asks agencies for something, in a window, with a contact."""

    class Kind(models.TextChoices):
        ANALYSIS = "underlag", _("Underlag och analys")
        DIALOGUE = "dialog", _("Deltagande i dialog")
        CONSULTATION = "remissvar", _("Remissvar")
        IMPLEMENTATION = "genomforande", _("Gemensamt genomförande")

    phase = models.ForeignKey(Phase, verbose_name=_("fas"), on_delete=models.CASCADE, related_name="entry_points")
    kind = models.CharField(_("vad regionen vill ha"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"))
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("sista dag"))
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktens e-post"), blank=True)
    invited = models.ManyToManyField(
        "actors.Actor", verbose_name=_("inbjudna aktörer"), blank=True, related_name="invited_entry_points"
    )
    themes = models.ManyToManyField("actors.Theme", verbose_name=_("teman"), blank=True, related_name="+")
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("publicerad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    reminded_at = models.DateTimeField(
        _("påminnelse skickad"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("När följarna påmindes om sista dagen (krokarm remind_entry_point_deadlines)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/ no longer holds this entry point but organisations have sent contributions to it (or the
    # region changed it): it is kept, opens from its address and says it no longer applies, and leaves the lists.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, the entry point's own page
    objects = CurrentManager()

    class Meta:
        verbose_name = _("ingång för myndigheter")
        verbose_name_plural = _("ingångar för myndigheter")
        ordering = ["closes_on", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="entry_point_window")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:entry_point", args=[self.pk])

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class Contribution(models.Model):
    """An actor's answer to an entry point: interest in taking part, or a contribution such as a remiss answer."""

    class Kind(models.TextChoices):
        INTEREST = "intresse", _("Intresseanmälan")
        CONTRIBUTION = "bidrag", _("Bidrag")

    entry_point = models.ForeignKey(
        EntryPoint, verbose_name=_("ingång"), on_delete=models.CASCADE, related_name="contributions"
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("från aktör"), on_delete=models.CASCADE, related_name="strategy_contributions"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skriven av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("inskickad"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekräftad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledgement = models.TextField(_("regionens svar"), blank=True)
    # The region's reply is edited in a form: a reply saved meanwhile is shown, never overwritten unseen.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("bidrag")
        verbose_name_plural = _("bidrag")
        ordering = ["entry_point", "created_at"]

    def __str__(self) -> str:
        return f"{self.actor} → {self.entry_point}"


class Attachment(models.Model):
    """A file sent with a contribution (e.g. a remiss answer as PDF)."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("bidrag"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to="bidrag/%Y/%m/")
    name = models.CharField(_("filnamn"), max_length=255)
    size = models.PositiveIntegerField(_("storlek i byte"))
    content_type = models.CharField(_("filtyp"), max_length=100)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.name
