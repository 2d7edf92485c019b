from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Organisations and roles arrive with the accounts issue."""

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
