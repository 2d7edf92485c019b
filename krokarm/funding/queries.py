"""Reading the EU programmes: for the list, a county, a challenge and the coordination matrix.

Theme matching is one rule everywhere (`works_on`): a programme works on a theme when it is tagged with that
theme, with the theme's strategic area, or (for a strategic area) with one of the area's topics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from krokarm.actors.models import Actor, Theme
from krokarm.funding.models import Programme, Reach
from krokarm.regions.models import County

TARGETS = [t.value for t in Reach.Target]
TARGET_LABELS = list(Reach.Target.choices)


def _with_details(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    return queryset.select_related("managing_authority", "parent").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.select_related("parent")),
        "counties",
        "reach",
    )


def theme_filter(theme: Theme) -> Q:
    """Programmes tagged with `theme`, its strategic area, or (for an area) one of its topics."""
    q = Q(themes=theme) | Q(themes__parent=theme)
    if theme.parent_id is not None:
        q |= Q(themes=theme.parent_id)
    return q


def works_on(programme: Programme, theme: Theme) -> bool:
    """Whether `programme` (with its themes prefetched) works on `theme`: see the module docstring."""
    tagged = list(programme.themes.all())
    ids = {t.pk for t in tagged}
    if theme.pk in ids or (theme.parent_id is not None and theme.parent_id in ids):
        return True
    return any(t.parent_id == theme.pk for t in tagged)


def programmes(*, fund: str = "", county: County | None = None, theme: Theme | None = None) -> QuerySet[Programme]:
    """The programmes (not their areas or regional plans) with counties, reach and parts. A theme matches a
    programme when it or one of its parts works on the theme (ESF+ through programme area D, say)."""
    queryset = Programme.objects.filter(part=Programme.Part.PROGRAMME)
    if fund:
        queryset = queryset.filter(fund=fund)
    if county is not None:
        queryset = queryset.filter(counties=county)
    if theme is not None:
        matching = Programme.objects.filter(theme_filter(theme)).values("pk")
        queryset = queryset.filter(Q(pk__in=matching) | Q(parts__pk__in=matching)).distinct()
    # The list shows counties and reach, not themes.
    parts = Programme.objects.order_by("order").prefetch_related("counties", "reach")
    return (
        queryset.select_related("managing_authority")
        .prefetch_related("counties", "reach", Prefetch("parts", queryset=parts))
        .order_by("order")
    )


def all_programmes() -> QuerySet[Programme]:
    """Every row, parts included, for the exports and the API."""
    return _with_details(Programme.objects.all())


def programme(slug: str) -> Programme | None:
    parts = _with_details(Programme.objects.order_by("order"))
    return (
        _with_details(Programme.objects.filter(slug=slug)).prefetch_related(Prefetch("parts", queryset=parts)).first()
    )


def by_fund(rows: Iterable[Programme]) -> list[tuple[str, str, list[Programme]]]:
    """(fund value, label, programmes) in the order of Programme.Fund, leaving out funds with none."""
    groups: dict[str, list[Programme]] = {}
    for row in rows:
        groups.setdefault(row.fund, []).append(row)
    return [(value, str(label), groups[value]) for value, label in Programme.Fund.choices if value in groups]


def programmes_for_county(county: County) -> list[Programme]:
    """The programmes and ESF+ regional plans that cover `county` (areas are described on ESF+'s own page)."""
    return list(
        Programme.objects.filter(counties=county)
        .exclude(part=Programme.Part.AREA)
        .select_related("parent")
        .prefetch_related("reach")
        .order_by("order")
    )


# --- Challenges --------------------------------------------------------------------------------------------


@dataclass
class ChallengeMatch:
    """A programme that can finance a challenge, and why: the shared themes and (place-based) counties."""

    programme: Programme
    themes: list[Theme] = field(default_factory=list)
    counties: list[County] = field(default_factory=list)


def challenge_counties(challenge: Any) -> list[County]:
    """The counties of the regions that work on a place-based challenge (Actor region → its County)."""
    region_ids = [approach.region_id for approach in challenge.approaches.all()]
    return list(County.objects.filter(actors__kind=Actor.Kind.REGION, actors__pk__in=region_ids).distinct())


def programmes_for_challenge(challenge: Any) -> list[ChallengeMatch]:
    """The programmes (and ESF+ programme areas) that can finance `challenge`.

    A programme matches when it works on one of the challenge's themes (`works_on`). A general challenge
    ("generell") matches every such programme; a place-based one ("platsbaserad") only those that cover at
    least one county of the regions in its approaches. The caller passes any object with `themes` (a manager
    of Theme), `kind` and `approaches` (a manager of rows with `region_id`).
    """
    themes = list(challenge.themes.select_related("parent"))
    if not themes:
        return []
    place_based = challenge.kind == "platsbaserad"
    counties = challenge_counties(challenge) if place_based else []
    if place_based and not counties:
        return []
    candidates = _with_details(Programme.objects.exclude(part=Programme.Part.REGIONAL_PLAN).order_by("order"))
    matches = []
    for candidate in candidates:
        shared = [theme for theme in themes if works_on(candidate, theme)]
        if not shared:
            continue
        where: list[County] = []
        if place_based:
            covered = {c.pk for c in candidate.counties.all()}
            where = [c for c in counties if c.pk in covered]
            if not where:
                continue
        matches.append(ChallengeMatch(programme=candidate, themes=shared, counties=where))
    return matches


# --- The coordination matrix -------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    programme: Programme
    reach: dict[str, Reach | None]
    themes: list[Theme]


@dataclass
class Named:
    """One entry in a summary cell: a programme, or the regional ERDF programmes counted as one group."""

    programme: Programme | None = None
    regional_erdf: int = 0


def collapse(rows: list[Programme]) -> list[Named]:
    """The programmes, with two or more regional ERDF programmes (one per area, same content) as one entry."""
    regional = [p for p in rows if p.fund == Programme.Fund.ERUF and p.kind == Programme.Kind.REGIONAL]
    if len(regional) < 2:
        return [Named(programme=p) for p in rows]
    named = [Named(regional_erdf=len(regional))]
    return named + [Named(programme=p) for p in rows if p not in regional]


@dataclass
class ThemeSummary:
    """Per theme: which programmes reach individuals and which reach companies."""

    theme: Theme
    individuals: list[Programme]
    companies: list[Programme]

    @property
    def status(self) -> str:
        if self.individuals and self.companies:
            return "both"
        if self.individuals:
            return "no_companies"
        if self.companies:
            return "no_individuals"
        return "neither"

    @property
    def individuals_named(self) -> list[Named]:
        return collapse(self.individuals)

    @property
    def companies_named(self) -> list[Named]:
        return collapse(self.companies)

    @property
    def is_gap(self) -> bool:
        return self.status != "both"


@dataclass
class Matrix:
    rows: list[MatrixRow]
    summaries: list[ThemeSummary]

    @property
    def gaps(self) -> list[ThemeSummary]:
        return [s for s in self.summaries if s.is_gap]


def matrix_rows(*, county: County | None = None, theme: Theme | None = None) -> list[MatrixRow]:
    """One row per programme that has its own reach: programme areas instead of the programme they divide."""
    queryset = (
        Programme.objects.exclude(part=Programme.Part.REGIONAL_PLAN)
        .exclude(parts__part=Programme.Part.AREA)
        .order_by("order")
    )
    if county is not None:
        queryset = queryset.filter(counties=county)
    rows = []
    for row in _with_details(queryset):
        if theme is not None and not works_on(row, theme):
            continue
        reach = {r.target: r for r in row.reach.all()}
        rows.append(MatrixRow(programme=row, reach={t: reach.get(t) for t in TARGETS}, themes=list(row.themes.all())))
    return rows


def build_matrix(*, county: County | None = None, theme: Theme | None = None) -> Matrix:
    """The matrix rows and, per theme (the chosen one and its topics, or all), who is reached."""
    rows = matrix_rows(county=county, theme=theme)
    themes = list(Theme.objects.select_related("parent"))
    if theme is not None:
        themes = [t for t in themes if t.pk == theme.pk or t.parent_id == theme.pk]
    summaries = []
    for subject in themes:
        working = [r for r in rows if works_on(r.programme, subject)]
        summaries.append(
            ThemeSummary(
                theme=subject,
                individuals=[r.programme for r in working if r.reach["individer"]],
                companies=[r.programme for r in working if r.reach["foretag"]],
            )
        )
    return Matrix(rows=rows, summaries=summaries)
