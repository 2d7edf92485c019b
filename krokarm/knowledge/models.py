"""The knowledge bank (kunskapsbank): reports, analyses, datasets, good examples and methods that one
organisation shares so that others can use them ("if it worked for you, it should work for us")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import CurrentManager

TITLE_LENGTH = 200
SUMMARY_LENGTH = 3000
MESSAGE_LENGTH = 1000
ANSWER_LENGTH = 1000
REUSE_LENGTH = 1000


class Item(models.Model):
    """One piece of knowledge an organisation shares: its metadata are public, its link or file are public
    unless the owner shares them on request only.

    An item that its owner removes, or that data/knowledge no longer holds, while other people's requests,
    reuses, comments or follows point at it is retired (`retired_at`): it leaves the list, the search, the
    exports and the API, but its page still opens and says that it has been removed."""

    class Kind(models.TextChoices):
        REPORT = "rapport", _("Rapport")
        ANALYSIS = "analys", _("Analys")
        DATASET = "dataset", _("Statistik och data")
        GOOD_EXAMPLE = "gott-exempel", _("Gott exempel")
        METHOD = "metod", _("Metod")

    class Access(models.TextChoices):
        OPEN = "oppen", _("Öppen för alla")
        ON_REQUEST = "pa-begaran", _("På begäran")

    # Unique among retired items too: the seed brings a retired item back by its slug rather than making a second
    # one, and items shared on the site take a slug no item has had (actions._free_slug).
    slug = models.SlugField(_("kortnamn"), max_length=100, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    summary = models.TextField(_("sammanfattning"), max_length=SUMMARY_LENGTH)
    owner = models.ForeignKey(
        "actors.Actor", verbose_name=_("delas av"), on_delete=models.PROTECT, related_name="knowledge_items"
    )
    themes = models.ManyToManyField("actors.Theme", verbose_name=_("teman"), blank=True, related_name="knowledge_items")
    # What region(s) the knowledge is about; none means the whole country.
    regions = models.ManyToManyField(
        "actors.Actor",
        verbose_name=_("regioner som det gäller"),
        blank=True,
        related_name="knowledge_about",
        limit_choices_to={"kind": "region"},
    )
    challenges = models.ManyToManyField(
        "challenges.Challenge", verbose_name=_("utmaningar"), blank=True, related_name="knowledge_items"
    )
    link = models.URLField(_("länk"), max_length=500, blank=True)
    # Set only through actions (after strategies.uploads has checked the file), never in a model form.
    attachment = models.FileField(_("fil"), upload_to="kunskap/%Y/%m/", blank=True, editable=False)
    attachment_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    attachment_size = models.PositiveIntegerField(_("filens storlek i byte"), null=True, blank=True, editable=False)
    attachment_type = models.CharField(_("filtyp"), max_length=100, blank=True, editable=False)
    access = models.CharField(_("vem får öppna"), max_length=12, choices=Access.choices, default=Access.OPEN)
    published_on = models.DateField(_("publicerad"), null=True, blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tillagd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items_created",
    )
    created_at = models.DateTimeField(_("tillagd"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired items too: their pages, comment threads, follows, the seed, the admin
    objects = CurrentManager()

    class Meta:
        verbose_name = _("kunskap")
        verbose_name_plural = _("kunskapsbanken")
        ordering = ["-published_on", "-created_at", "-pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.access == self.Access.OPEN

    @property
    def is_current(self) -> bool:
        """False once the item is retired: removed from the bank, kept for what points at it."""
        return self.retired_at is None


class AccessRequest(models.Model):
    """ "Kan vi ta del av detta?": an organisation asks the owner for an item shared on request only.
    Granted, every member of the asking organisation may open the link and the file."""

    class Status(models.TextChoices):
        WAITING = "vantar", _("Väntar på svar")
        GRANTED = "beviljad", _("Beviljad")
        DECLINED = "avslagen", _("Avslagen")

    item = models.ForeignKey(Item, verbose_name=_("kunskap"), on_delete=models.CASCADE, related_name="requests")
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="knowledge_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frågat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_requests",
    )
    message = models.CharField(_("meddelande"), max_length=MESSAGE_LENGTH, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True)
    answer = models.CharField(_("svar"), max_length=ANSWER_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("förfrågan om kunskap")
        verbose_name_plural = _("förfrågningar om kunskap")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "actor"], condition=Q(status="vantar"), name="knowledge_one_open_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} → {self.item}"

    def get_absolute_url(self) -> str:
        return f"{reverse('knowledge:inbox')}#forfragan-{self.pk}"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class Reuse(models.Model):
    """ "Det fungerade för oss": an organisation tells that it used an item, and how."""

    item = models.ForeignKey(Item, verbose_name=_("kunskap"), on_delete=models.CASCADE, related_name="reuses")
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="knowledge_reuses"
    )
    text = models.CharField(_("så använde vi det"), max_length=REUSE_LENGTH)
    reused_on = models.DateField(_("när"), null=True, blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrivet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_reuses",
    )
    created_at = models.DateTimeField(_("skrivet"), default=timezone.now)

    class Meta:
        verbose_name = _("återanvändning")
        verbose_name_plural = _("återanvändningar")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["item", "actor"], name="knowledge_one_reuse_per_actor")]

    def __str__(self) -> str:
        return f"{self.actor}: {self.item}"
