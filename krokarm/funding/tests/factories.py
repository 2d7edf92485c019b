"""Programmes for tests. The test database already holds the seeded programmes (krokarm/conftest.py); these
make extra ones with exactly the themes, counties and reach a test needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from zeal import zeal_ignore

from krokarm.actors.models import Actor, Theme
from krokarm.funding.models import Programme, Reach
from krokarm.regions.models import County

_count = 0


def make_theme(slug: str = "", *, parent: str = "") -> Theme:
    global _count
    _count += 1
    slug = slug or f"testtema-{_count}"
    with zeal_ignore():
        return Theme.objects.create(
            slug=slug,
            name=f"Testtema {slug}",
            kind=Theme.Kind.TOPIC if parent else Theme.Kind.STRATEGIC_AREA,
            parent=Theme.objects.get(slug=parent) if parent else None,
            order=9000 + _count,
        )


def make_programme(
    slug: str = "",
    *,
    fund: str = Programme.Fund.ERUF,
    themes: Iterable[str] = (),
    counties: Iterable[str] = (),
    reach: dict[str, str] | None = None,
    part: str = Programme.Part.PROGRAMME,
    parent: Programme | None = None,
    confirmed: bool = True,
    authority: str = "tillvaxtverket",
) -> Programme:
    """A programme with `reach` mapping target → how (e.g. {"individer": "genom_projekt"})."""
    global _count
    _count += 1
    slug = slug or f"testprogram-{_count}"
    with zeal_ignore(), transaction.atomic():  # set-up, not the code under test
        programme = Programme.objects.create(
            slug=slug,
            fund=fund,
            name=f"Testprogram {slug}",
            kind=Programme.Kind.REGIONAL,
            part=part,
            parent=parent,
            managing_authority=Actor.objects.get(slug=authority),
            who_may_apply="Organisationer.",
            confirmed=confirmed,
            source_url="https://example.se/program",
            order=9000 + _count,
        )
        programme.themes.set(Theme.objects.filter(slug__in=list(themes)))
        programme.counties.set(County.objects.filter(slug__in=list(counties)))
        for target, how in (reach or {}).items():
            Reach.objects.create(programme=programme, target=target, how=how)
    return programme


@dataclass
class FakeApproach:
    region_id: int


class _Manager:
    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def all(self) -> list[Any]:
        return self.items


@dataclass
class FakeChallenge:
    """Stands in for krokarm.challenges' Challenge: `themes` (a Theme queryset), `kind` and `approaches`."""

    theme_slugs: list[str]
    kind: str = "generell"
    region_slugs: list[str] = field(default_factory=list)

    @property
    def themes(self) -> Any:
        return Theme.objects.filter(slug__in=self.theme_slugs)

    @property
    def approaches(self) -> _Manager:
        ids = Actor.objects.filter(slug__in=self.region_slugs).values_list("pk", flat=True)
        return _Manager([FakeApproach(region_id=pk) for pk in ids])
