"""One row per scheduled job and time slot that a worker has taken (see scheduler.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """A job's run for one slot of its schedule. The unique (job, slot) pair is the claim: of several workers
    reaching the same slot, only the one whose insert succeeds runs the job."""

    job = models.CharField(_("jobb"), max_length=60)
    slot = models.DateTimeField(_("schemalagd tid"))
    worker = models.CharField(_("arbetare"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("startade"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    ok = models.BooleanField(_("lyckades"), null=True)
    result = models.TextField(_("resultat"), blank=True)

    class Meta:
        verbose_name = _("jobbkörning")
        verbose_name_plural = _("jobbkörningar")
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_and_slot")]
        indexes = [models.Index(fields=["slot"])]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
