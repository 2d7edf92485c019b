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
