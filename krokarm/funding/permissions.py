"""Who may see the EU programmes: everyone. They are public reference data, read-only on the site (the seed and
the admin change them)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.funding import queries
from krokarm.funding.models import Programme


def can_view_programmes(user: Any) -> bool:
    return True


def get_programme_for_viewing(user: Any, slug: str) -> Programme:
    """The programme with its details, or 404."""
    programme = queries.programme(slug)
    if programme is None or not can_view_programmes(user):
        raise Http404(_("Det finns inget EU-program med den adressen."))
    return programme
