"""EU programmes 2021–2027 (ERUF, ESF+, FRO, Interreg): who runs them, where they apply and whom they reach.

The rows come from data/funding/programmes.yaml through `krokarm seed` (actions.apply_programme_data); the
pages only read them. ESF+'s programme areas and its eight regional action plans are programmes with a parent,
so that each shows its own counties and reach.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Sweden's 21 counties (län): a programme covering all of them applies in the whole country.
COUNTY_COUNT = 21


class Programme(models.Model):
    class Fund(models.TextChoices):
        ERUF = "eruf", _("Regionalfonden (ERUF)")
        ESF = "esf", _("Socialfonden (ESF+)")
        FRO = "fro", _("Fonden för en rättvis omställning (FRO)")
        INTERREG = "interreg", _("Interreg")

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regionalt")
        NATIONAL = "national", _("Nationellt")
        CROSS_BORDER = "cross_border", _("Gränsöverskridande")
        TRANSNATIONAL = "transnational", _("Transnationellt")
        INTERREGIONAL = "interregional", _("Interregionalt")

    class Part(models.TextChoices):
        PROGRAMME = "programme", _("Program")
        AREA = "area", _("Programområde")
        REGIONAL_PLAN = "regional_plan", _("Regional handlingsplan")

    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    fund = models.CharField(_("fond"), max_length=20, choices=Fund.choices, db_index=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ av program"), max_length=20, choices=Kind.choices)
    part = models.CharField(_("del"), max_length=20, choices=Part.choices, default=Part.PROGRAMME)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
    )
    managing_authority = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("förvaltande myndighet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_programmes",
    )
    managing_authority_text = models.CharField(
        _("förvaltande myndighet (text)"),
        max_length=200,
        blank=True,
        help_text=_("När myndigheten inte finns bland aktörerna, till exempel en utländsk myndighet."),
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    who_may_apply = models.TextField(_("vem kan söka"), blank=True)
    budget = models.TextField(_("budget och medfinansiering"), blank=True)
    period = models.CharField(_("period"), max_length=20, default="2021–2027")
    confirmed = models.BooleanField(_("bekräftat"), default=True)
    unconfirmed = models.TextField(_("obekräftade uppgifter"), blank=True)
    source_url = models.URLField(_("källa"), max_length=500)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    themes = models.ManyToManyField("actors.Theme", verbose_name=_("teman"), blank=True, related_name="programmes")
    counties = models.ManyToManyField("regions.County", verbose_name=_("län"), blank=True, related_name="programmes")

    class Meta:
        verbose_name = _("EU-program")
        verbose_name_plural = _("EU-program")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:detail", args=[self.slug])

    @property
    def areas(self) -> list[Programme]:
        """The programme areas (ESF+ A–E…), from the prefetched parts."""
        return [p for p in self.parts.all() if p.part == Programme.Part.AREA]

    @property
    def regional_plans(self) -> list[Programme]:
        """The regions with their own action plans (ESF+), from the prefetched parts."""
        return [p for p in self.parts.all() if p.part == Programme.Part.REGIONAL_PLAN]

    @property
    def is_nationwide(self) -> bool:
        """Whether the programme covers every county (from the prefetched counties)."""
        return len(self.counties.all()) >= COUNTY_COUNT

    @property
    def authority_name(self) -> str:
        if self.managing_authority_id is not None and self.managing_authority is not None:
            return self.managing_authority.name
        return self.managing_authority_text


class Reach(models.Model):
    """Whom a programme's money reaches, and how: an individual only ever through a project (DOMAIN.md 7.4)."""

    class Target(models.TextChoices):
        INDIVIDUALS = "individer", _("Individer")
        COMPANIES = "foretag", _("Företag")
        ORGANISATIONS = "organisationer", _("Organisationer")

    class How(models.TextChoices):
        DIRECT = "direkt", _("Söker direkt")
        THROUGH_PROJECTS = "genom_projekt", _("Genom projekt")

    programme = models.ForeignKey(Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="reach")
    target = models.CharField(_("målgrupp"), max_length=20, choices=Target.choices)
    how = models.CharField(_("hur"), max_length=20, choices=How.choices)
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("räckvidd")
        verbose_name_plural = _("räckvidd")
        constraints = [models.UniqueConstraint(fields=["programme", "target"], name="one_reach_per_target")]

    def __str__(self) -> str:
        return f"{self.programme} – {self.get_target_display()} ({self.get_how_display()})"

    @property
    def order(self) -> int:
        return [t.value for t in Reach.Target].index(self.target)
