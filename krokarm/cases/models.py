"""Cases (ärenden): a question sent through the way in to one actor, and everything that happens to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    """A question someone sent to an actor. The asker follows it through a secret key in the status page's address
    (`status_url`), of which only the hash is stored in `token_hash`; staff follow it through `reference`."""

    class Status(models.TextChoices):
        WAITING = "vantar", _("Väntar på att tas emot")
        IN_PROGRESS = "handlaggs", _("Handläggs")
        ANSWERED = "besvarat", _("Besvarat")

    reference = models.CharField(_("ärendenummer"), max_length=20, unique=True, null=True, blank=True)
    token_hash = models.CharField(
        _("kontrollsumma för nyckeln till statussidan"), max_length=64, unique=True, editable=False
    )
    question = models.TextField(_("fråga"))
    asker = models.CharField(_("frågeställare"), max_length=30, blank=True)
    county = models.ForeignKey(
        "regions.County", verbose_name=_("län"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        "actors.Actor", verbose_name=_("kommun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-postadress"), blank=True)
    language = models.CharField(
        _("språk"), max_length=8, default="sv", help_text=_("Språket i e-post till den som frågar.")
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("hos aktör"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WAITING)
    answer = models.TextField(_("svar"), blank=True)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    accept_by = models.DateTimeField(_("ska tas emot senast"))
    accepted_at = models.DateTimeField(_("togs emot"), null=True, blank=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True, db_index=True)
    flagged_at = models.DateTimeField(_("flaggad till samordnare"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personuppgifter raderade"), null=True, blank=True)
    # Every step (accept, forward, answer) moves it on: a step sent from a page showing an older version is
    # refused, so two officers acting on the same case at once never both succeed (actions._locked).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "status"]), models.Index(fields=["status", "accept_by"])]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"

    @property
    def staff_url(self) -> str:
        return reverse("cases:detail", args=[self.reference])

    @property
    def asker_label(self) -> str:
        from krokarm.wayin.forms import ASKERS

        return str(dict(ASKERS).get(self.asker, self.asker))

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.ANSWERED

    @property
    def age_days(self) -> int:
        """Whole days since the case was sent (0 the first day): how long the asker has waited."""
        return (timezone.now() - self.created_at).days


def status_url(key: str) -> str:
    """The asker's status page for the case whose key is `key`. Only the asker holds the key (the case stores its
    hash, as invitations and API tokens do), so the address exists only where the key is at hand: when the case is
    sent (actions.NewCase) and when the asker opens the page. Staff use `Case.staff_url`."""
    return reverse("cases:status", args=[key])


class CaseEvent(models.Model):
    """One step in a case's history, shown to the asker on the status page and to staff."""

    class Kind(models.TextChoices):
        SUBMITTED = "skickat", _("Skickat")
        ACCEPTED = "mottaget", _("Mottaget")
        FORWARDED = "vidarebefordrat", _("Vidarebefordrat")
        ANSWERED = "besvarat", _("Besvarat")
        FLAGGED = "flaggat", _("Flaggat till samordnare")
        PURGED = "rensat", _("Personuppgifter raderade")

    case = models.ForeignKey(Case, verbose_name=_("ärende"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("händelse"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("aktör"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("till aktör"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), null=True, blank=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("händelse i ärende")
        verbose_name_plural = _("händelser i ärenden")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
