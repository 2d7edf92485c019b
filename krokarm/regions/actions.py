"""Writes to counties. Every change leaves an audit row."""

from __future__ import annotations

from typing import Any

from krokarm.audit.actions import Changes, save_tracked
from krokarm.regions.models import County


def save_county(values: dict[str, Any], *, source: str, user: Any = None) -> tuple[County, Changes]:
    """Create or update the county whose `code` is in `values`."""
    county = County.objects.filter(code=values["code"]).first() or County()
    return county, save_tracked(county, values, source=source, user=user)
