from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """A län: the geography that a region, a länsstyrelse and its municipalities share."""

    code = models.CharField(_("länskod"), max_length=2, unique=True, help_text=_("Två siffror, t.ex. 01"))
    letter = models.CharField(_("länsbokstav"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=60, unique=True)
    seat = models.CharField(_("residensstad"), max_length=60)
    erdf_programme_area = models.CharField(_("regionalfondsprogram"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", args=[self.slug])
