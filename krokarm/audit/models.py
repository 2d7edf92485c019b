from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One state change: who, for which organisation, what, old → new, when.

    Written by actions in the same transaction as the change itself; never edited.
    """

    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), null=True, blank=True, on_delete=models.SET_NULL
    )
    organisation = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("källa"), max_length=20, help_text=_("seed, admin, web eller api"))
    action = models.CharField(_("händelse"), max_length=60, db_index=True)
    target_type = models.CharField(_("objekttyp"), max_length=60)
    target_id = models.CharField(_("objekt-id"), max_length=60)
    target_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    # False for changes no public page shows (a case in an inbox): they must not empty the page cache,
    # which is keyed on the newest public change (krokarm.audit.cache.data_version).
    public = models.BooleanField(_("syns på öppna sidor"), default=True)
    # The target's version after this change (for rows that carry one): an edit form sent against version n is
    # told exactly which changes came after n.
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelselogg")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["public", "id"], name="audit_public_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}"


class ReferenceRecord(models.Model):
    """Provenance of a row that the seed manages: it came from `file` in data/, under `key`.

    Rows without a record were made on the site, in the admin or through the API: they are the organisations'
    own and the seed never changes or deletes them. `values` holds what the seed last wrote to each field, so
    that a field somebody has changed since (the stored value differs from it) is recognised and kept.
    """

    target_type = models.CharField(_("objekttyp"), max_length=60)
    target_id = models.CharField(_("objekt-id"), max_length=60)
    file = models.CharField(_("fil i data/"), max_length=200)
    key = models.CharField(_("nyckel i filen"), max_length=300)
    values = models.JSONField(_("senast inlästa värden"), default=dict, blank=True)
    seeded_at = models.DateTimeField(_("senast inläst"), auto_now=True)
    # The day the row's facts were last compared with their sources: the file's (or the record's own)
    # `checked_on` in data/ (issue 16: every fact is dated). Empty for rows of files that do not carry one.
    checked_on = models.DateField(_("kontrollerad mot källan"), null=True, blank=True)
    retired_at = models.DateTimeField(_("finns inte längre i data/ sedan"), null=True, blank=True)
    # Deleted on the site (by its organisation or in the admin): the seed does not bring it back while the file
    # still lists it, and says so, unless run with --take-file.
    removed_on_site_at = models.DateTimeField(_("borttagen på webbplatsen"), null=True, blank=True)

    class Meta:
        verbose_name = _("referensrad")
        verbose_name_plural = _("referensrader")
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="one_reference_record_per_row"),
        ]
        indexes = [models.Index(fields=["target_type", "key"], name="audit_reference_by_key")]

    def __str__(self) -> str:
        return f"{self.file}: {self.key}"
