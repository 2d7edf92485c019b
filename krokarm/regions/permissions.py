"""Who may see what about counties and regions. Region pages are public."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from krokarm.regions.models import County


def get_county_for_viewing(user: Any, slug: str) -> County:
    county = County.objects.filter(slug=slug).first()
    if county is None:
        raise Http404(_("Det finns inget län med den adressen."))
    return county
