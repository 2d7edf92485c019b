# mypy: disable-error-code="import-untyped"
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account, who may act for one or more organisations (see Affiliation)."""

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")


class Affiliation(models.Model):
    """That a user works for an actor, and in which role. The actor's staff handle its cases."""

    class Role(models.TextChoices):
        MEMBER = "medlem", _("Medlem")
        EDITOR = "redaktor", _("Redaktör")
        ADMIN = "organisationsadministrator", _("Organisationsadministratör")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="affiliations"
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("tillhörighet")
        verbose_name_plural = _("tillhörigheter")
        constraints = [models.UniqueConstraint(fields=["user", "actor"], name="one_affiliation_per_user_and_actor")]

    def __str__(self) -> str:
        return f"{self.user} – {self.actor} ({self.get_role_display()})"


class Invitation(models.Model):
    """An organisation admin's invitation for someone to join an actor in a role.

    Only a hash of the link's token is stored: a database leak must not let anyone accept an invitation.
    """

    email = models.EmailField(_("e-postadress"))
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("roll"), max_length=30, choices=Affiliation.Role.choices, default=Affiliation.Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inbjuden av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token_hash = models.CharField(_("kontrollsumma för länken"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gäller till"))
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"

    @property
    def is_pending(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.expires_at > timezone.now()


class TwoFactorReset(models.Model):
    """Someone else disconnected this person's authenticator app: before a new app can be connected, the person
    must open a link sent to their e-mail address, in the browser where they signed in.

    Without this, whoever knows the password could connect their own app after a reset. The row goes when a new
    app is connected (actions.enable_two_factor). Only hashes of the link's token and of the session's binding
    are stored, like invitations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="two_factor_reset"
    )
    reset_at = models.DateTimeField(_("återställd"))
    token_hash = models.CharField(_("kontrollsumma för länken"), max_length=64, null=True, blank=True, unique=True)
    session_hash = models.CharField(_("kontrollsumma för inloggningen"), max_length=64, blank=True)
    link_expires_at = models.DateTimeField(_("länken gäller till"), null=True, blank=True)

    class Meta:
        verbose_name = _("återställd tvåstegsverifiering")
        verbose_name_plural = _("återställda tvåstegsverifieringar")

    def __str__(self) -> str:
        return str(self.user)
