"""The routing engine's view of the database: plain documents and places, and the cached router.

`build_catalogue()` reads the directory in a fixed number of queries (seven, whatever the size of
the catalogue) and turns it into krokarm.wayin.routing documents. Regions, länsstyrelser and
municipalities carry the same legal duties (data/actors/*.yaml `common_responsibilities`), copied
to every actor of the kind in the database; those become one kind-level document each, which the
router resolves to the actor of the asker's place. What only one of them does stays its own.

`get_router()` keeps one Router per process and builds a new one when the data version
(krokarm.audit.cache.data_version: every change to the catalogue writes an audit row) moves.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from krokarm.actors import regulated_professions
from krokarm.actors.models import Actor, Responsibility, Service, Theme
from krokarm.actors.reference_data import ReferenceDataError
from krokarm.audit.cache import data_version
from krokarm.regions.models import County as CountyRow
from krokarm.wayin import routing
from krokarm.wayin.places import ActorRef, County, Municipality, Places

LOCAL_KINDS = routing.LOCAL_KINDS
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Catalogue:
    documents: tuple[routing.Document, ...]
    places: Places
    # (profession, authority slug) from data/actors/regulated_professions.yaml, for authorities in the catalogue.
    professions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Row:
    """A responsibility or a service as read from the database."""

    pk: int
    actor: Actor
    theme_id: int | None
    role: str
    name: str
    description: str
    url: str = ""
    basis: str = ""
    questions: tuple[str, ...] = ()

    def signature(self) -> tuple[object, ...]:
        """What makes rows of different actors the same duty (or the same service)."""
        return (self.actor.kind, self.theme_id, self.role, self.name, self.description, self.url)


def build_catalogue() -> Catalogue:
    """Documents and places from the database, in seven queries."""
    themes = {t.pk: t for t in Theme.objects.all()}
    counties = list(CountyRow.objects.all())
    county_code = {c.pk: c.code for c in counties}
    actors = {a.pk: a for a in Actor.objects.all()}
    refs = {pk: _ref(a, county_code.get(a.county_id or 0)) for pk, a in actors.items()}
    responsibilities = [
        _Row(
            pk=r["pk"],
            actor=actors[r["actor_id"]],
            theme_id=r["theme_id"],
            role=r["role"],
            name="",
            description=r["description"],
            basis=r["basis"],
            questions=tuple(str(q) for q in r["questions"] or ()),
        )
        for r in Responsibility.objects.values(
            "pk", "actor_id", "theme_id", "role", "description", "basis", "questions"
        )
    ]
    services = [
        _Row(
            pk=r["pk"],
            actor=actors[r["actor_id"]],
            theme_id=r["theme_id"],
            role="",
            name=r["name"],
            description=r["description"],
            url=r["url"],
        )
        for r in Service.objects.values("pk", "actor_id", "theme_id", "name", "description", "url")
    ]
    groups_of = _groups(
        Responsibility.target_groups.through.objects.values_list("responsibility_id", "targetgroup__slug")
    )
    service_groups = _groups(Service.target_groups.through.objects.values_list("service_id", "targetgroup__slug"))

    shared = _shared_signatures([*responsibilities, *services], Counter(a.kind for a in actors.values()))

    def owner_of(row: _Row) -> str:
        return f"kind:{row.actor.kind}" if row.signature() in shared else row.actor.slug

    services_by: dict[tuple[str, int | None], list[routing.Service]] = defaultdict(list)
    seen_services: set[tuple[object, ...]] = set()
    for row in sorted(services, key=lambda r: (r.actor.pk, r.name)):
        if row.signature() in seen_services:
            continue
        if row.signature() in shared:
            seen_services.add(row.signature())
        services_by[(owner_of(row), row.theme_id)].append(
            routing.Service(row.name, row.description, row.url, tuple(sorted(service_groups.get(row.pk, ()))))
        )

    documents: list[routing.Document] = []
    seen: set[tuple[str, int, str]] = set()
    covered: set[tuple[str, int]] = set()
    for row in sorted(responsibilities, key=lambda r: (r.actor.pk, r.theme_id or 0, r.role)):
        owner = owner_of(row)
        theme = themes.get(row.theme_id or 0)
        if theme is None or (owner, theme.pk, row.role) in seen:
            continue
        seen.add((owner, theme.pk, row.role))
        covered.add((owner, theme.pk))
        documents.append(
            _document(row, owner, theme, refs, groups_of.get(row.pk, ()), services_by.get((owner, theme.pk), []))
        )
    # A service on a topic its actor has no responsibility for is still a way to that actor.
    for row in services:
        owner = owner_of(row)
        theme = themes.get(row.theme_id or 0)
        if theme is None or (owner, theme.pk) in covered:
            continue
        covered.add((owner, theme.pk))
        documents.append(
            _document(row, owner, theme, refs, service_groups.get(row.pk, ()), services_by.get((owner, theme.pk), []))
        )
    documents.extend(_mandates(actors.values(), themes.values(), refs))
    slugs = {a.slug for a in actors.values()}
    return Catalogue(tuple(documents), _places(counties, actors.values(), refs), _professions(slugs))


def _professions(slugs: set[str]) -> tuple[tuple[str, str], ...]:
    """The regulated professions whose authority is in the catalogue (a missing file or row names no one)."""
    try:
        rows = regulated_professions.load(settings.DATA_DIR).professions
    except (OSError, ReferenceDataError):
        logger.warning("regulated professions unreadable; the way in routes without them", exc_info=True)
        return ()
    return tuple((row.profession, row.authority) for row in rows if row.authority in slugs)


# A region's mandate names its own development strategy ("Växtplats Blekinge", "RUFS 2050"), which
# its shared duties cannot: it becomes a document of that region on the strategy topic.
MANDATE_TOPIC = {"region": "regional-utvecklingsstrategi"}


def _mandates(actors: Iterable[Actor], themes: Iterable[Theme], refs: dict[int, ActorRef]) -> list[routing.Document]:
    by_slug = {t.slug: t for t in themes}
    documents = []
    for actor in sorted(actors, key=lambda a: a.slug):
        theme = by_slug.get(MANDATE_TOPIC.get(actor.kind, ""))
        if theme is None or not actor.mandate:
            continue
        documents.append(
            routing.Document(
                key=f"{actor.slug}:{theme.slug}:uppdrag",
                actor=refs[actor.pk],
                kind=actor.kind,
                topic=theme.slug,
                topic_name=theme.name,
                topic_name_en=theme.name_en,
                topic_description=theme.description,
                role="leder",
                description=actor.mandate,
                names=_names(actor),
            )
        )
    return documents


def _document(
    row: _Row,
    owner: str,
    theme: Theme,
    refs: dict[int, ActorRef],
    groups: Iterable[str],
    services: list[routing.Service],
) -> routing.Document:
    shared = owner.startswith("kind:")
    return routing.Document(
        key=f"{owner}:{theme.slug}:{row.role or 'tjänst'}",
        actor=None if shared else refs[row.actor.pk],
        kind=row.actor.kind,
        topic=theme.slug,
        topic_name=theme.name,
        topic_name_en=theme.name_en,
        topic_description=theme.description,
        role=row.role,
        description=row.description,
        target_groups=tuple(sorted(groups)),
        questions=row.questions,
        services=tuple(services),
        mandate="" if shared else row.actor.mandate,
        basis=row.basis,
        names=() if shared else _names(row.actor),
    )


def _groups(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for pk, slug in pairs:
        grouped[pk].append(slug)
    return grouped


def _shared_signatures(rows: Iterable[_Row], kind_size: Counter[str]) -> set[tuple[object, ...]]:
    """The duties and services that every actor of a local kind has (the data files'
    `common_responsibilities` and `common_services`, copied to each actor by the seed)."""
    count = Counter(row.signature() for row in rows if row.actor.kind in LOCAL_KINDS)
    return {signature for signature, n in count.items() if n > 1 and n == kind_size[str(signature[0])]}


def _ref(actor: Actor, county_code: str | None) -> ActorRef:
    return ActorRef(
        slug=actor.slug,
        name=actor.name,
        short_name=actor.short_name,
        kind=actor.kind,
        region_code=county_code,
        website=actor.website,
        summary_en=actor.summary_en,
        english_url=actor.english_url,
    )


def _names(actor: Actor) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (actor.name, actor.short_name) if n))


def _places(counties: list[CountyRow], actors: Iterable[Actor], refs: dict[int, ActorRef]) -> Places:
    by_county: dict[tuple[str, int], ActorRef] = {}
    municipalities = []
    for actor in actors:
        if actor.kind in ("region", "county_board") and actor.county_id:
            by_county[(actor.kind, actor.county_id)] = refs[actor.pk]
        elif actor.kind == "municipality" and actor.county_id and actor.code:
            code = refs[actor.pk].region_code or ""
            municipalities.append(Municipality(actor.code, actor.name, code, refs[actor.pk]))
    county_places = [
        County(
            code=c.code,
            name=c.name,
            region=by_county.get(("region", c.pk)),
            county_board=by_county.get(("county_board", c.pk)),
        )
        for c in counties
    ]
    return Places(county_places, sorted(municipalities, key=lambda m: m.code))


_lock = threading.Lock()
_cached: tuple[int, routing.Router] | None = None


def get_router() -> routing.Router:
    """The router for the current catalogue: built once per process, rebuilt when data changes."""
    global _cached
    version = data_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            catalogue = build_catalogue()
            _cached = (version, routing.Router(catalogue.documents, catalogue.places, catalogue.professions))
        return _cached[1]


def clear_cache() -> None:
    """Forget the router, so the next `get_router()` builds a new one."""
    global _cached
    with _lock:
        _cached = None
