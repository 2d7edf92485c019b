"""The directory: organisations, the themes they work on, and who is responsible for what."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model)


class CurrentManager(models.Manager[_M]):
    """Rows that are still current: a reference row that data/ no longer holds, but that people's comments or
    follows point at, is retired (kept, shown as no longer current) instead of deleted — and left out here."""

    def get_queryset(self) -> models.QuerySet[_M]:
        return super().get_queryset().filter(retired_at__isnull=True)


class CurrentOfCurrentActorManager(CurrentManager[_M]):
    """Current rows of actors that are themselves current: what a retired actor's editors made stays, out of
    the matrix, the way in and the search, as the actor does."""

    def get_queryset(self) -> models.QuerySet[_M]:
        return super().get_queryset().filter(actor__retired_at__isnull=True)


class Theme(models.Model):
    """A strategic area of the national strategy 2021–2030, or a finer topic inside one."""

    class Kind(models.TextChoices):
        STRATEGIC_AREA = "strategic_area", _("Strategiskt område")
        TOPIC = "topic", _("Ämne")

    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("strategiskt område"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
    )
    description = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("teman")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """Who a responsibility or service is for: individuals, employers, education providers…"""

    slug = models.SlugField(_("kortnamn"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    name_en = models.CharField(_("namn på engelska"), max_length=100, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning på engelska"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Actor(models.Model):
    """An organisation in the directory: an agency, a region, a municipality, a network…"""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Myndighet")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Kommun")
        COUNTY_BOARD = "county_board", _("Länsstyrelse")
        MINISTRY = "ministry", _("Departement")
        NETWORK = "network", _("Nätverk")
        ORGANISATION = "organisation", _("Organisation")

    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, db_index=True)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kort namn"), max_length=100, blank=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    code = models.CharField(_("kommunkod"), max_length=4, blank=True, help_text=_("Fyra siffror, för kommuner"))
    website = models.URLField(_("webbplats"), blank=True)
    seat = models.CharField(_("säte"), max_length=100, blank=True)
    mandate = models.TextField(_("uppdrag"), blank=True)
    mandate_source_url = models.URLField(_("källa för uppdraget"), max_length=500, blank=True)
    # For English-speaking visitors: a few sentences from the organisation's own English page, and that page.
    summary_en = models.TextField(_("sammanfattning på engelska"), blank=True)
    english_url = models.URLField(_("sida på engelska"), max_length=500, blank=True)
    member_note = models.TextField(_("om medlemmarna"), blank=True)
    case_email = models.EmailField(
        _("funktionsbrevlåda för ärenden"),
        blank=True,
        help_text=_("Får ett e-postmeddelande när en fråga skickas till aktören via krokarm."),
    )
    county = models.ForeignKey(
        "regions.County",
        verbose_name=_("län"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actors",
    )
    ministry = models.ForeignKey(
        "self",
        verbose_name=_("departement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agencies",
        limit_choices_to={"kind": "ministry"},
    )
    # Case-folded copy of the searchable text, kept by actions (see krokarm.lib.text.fold).
    search_text = models.TextField(editable=False, blank=True)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/ no longer holds the actor but people's rows (cases, comments, follows, accounts) point at it:
    # its page stays, it leaves the directory, the matrix, the way in and every choice list.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired actors too: the seed, the admin, its own page, follows and history
    objects = CurrentManager()

    class Meta:
        verbose_name = _("aktör")
        verbose_name_plural = _("aktörer")
        ordering = ["name"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", args=[self.slug])

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    @property
    def provenance_source_url(self) -> str:
        """The source its profile's facts are checked against (krokarm.audit.provenance): its mandate's."""
        return self.mandate_source_url


class Responsibility(models.Model):
    """What an actor is responsible for within a theme, in which role and for whom."""

    class Role(models.TextChoices):
        LEADS = "leder", _("Leder")
        CONTRIBUTES = "bidrar", _("Bidrar")
        FUNDS = "finansierar", _("Finansierar")
        INFORMS = "informerar", _("Informerar")

    actor = models.ForeignKey(Actor, verbose_name=_("aktör"), on_delete=models.CASCADE, related_name="responsibilities")
    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="responsibilities")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("målgrupper"), blank=True)
    description = models.TextField(_("beskrivning"))
    basis = models.CharField(_("grund i lag eller beslut"), max_length=300, blank=True)
    source_url = models.URLField(_("källa"), max_length=500)
    questions = models.JSONField(_("typiska frågor"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, comment threads and history
    objects = CurrentOfCurrentActorManager()

    class Meta:
        verbose_name = _("ansvar")
        verbose_name_plural = _("ansvar")
        ordering = ["theme__order", "role"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "theme", "role"],
                condition=Q(retired_at__isnull=True),
                name="one_current_role_per_actor_and_theme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.get_role_display()} – {self.theme}"


class Service(models.Model):
    """A concrete service an actor offers: an e-service, a grant, a guide, an advice line."""

    actor = models.ForeignKey(Actor, verbose_name=_("aktör"), on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    url = models.URLField(_("adress"), max_length=500, blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("målgrupper"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, comment threads and history
    objects = CurrentOfCurrentActorManager()

    class Meta:
        verbose_name = _("tjänst")
        verbose_name_plural = _("tjänster")
        ordering = ["name"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name"], condition=Q(retired_at__isnull=True), name="unique_current_service_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.actor})"


class Membership(models.Model):
    """An actor's place in a network."""

    class Role(models.TextChoices):
        COORDINATOR = "samordnare", _("Samordnare")
        MEMBER = "medlem", _("Medlem")

    network = models.ForeignKey(
        Actor,
        verbose_name=_("nätverk"),
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to={"kind": "network"},
    )
    member = models.ForeignKey(
        Actor, verbose_name=_("medlem"), on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    # Listed in data/actors/networks.yaml (the seed keeps these in step with the file), or added on the site by
    # the network's coordinators (the seed leaves those alone).
    from_reference_data = models.BooleanField(_("från referensdata"), default=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["role", "member__name"]
        constraints = [models.UniqueConstraint(fields=["network", "member"], name="one_membership_per_network")]

    def __str__(self) -> str:
        return f"{self.member} i {self.network}"
