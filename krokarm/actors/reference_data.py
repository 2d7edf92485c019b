"""Reads and validates the reference data files in data/ into plain rows.

No database here: `load()` returns a Dataset that actions.apply_reference_data
writes. Every problem is reported with the file it is in, so a reviewer of a
data change gets a message they can act on.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROLES = ("leder", "bidrar", "finansierar", "informerar")
MEMBER_ROLES = ("samordnare", "medlem")
KINDS = ("agency", "region", "municipality", "county_board", "ministry", "network", "organisation")
THEME_KINDS = ("strategic_area", "topic")
# Actor files load in this order of kinds, so that references (an agency's ministry,
# a network's members) always point at actors read before or with them.
KIND_ORDER = ("ministry", "agency", "region", "county_board", "municipality", "organisation", "network")
# Files in data/actors/ that are not actor files: the list of regulated professions names actors but is read by
# krokarm.actors.regulated_professions, not seeded as actors.
NOT_ACTOR_FILES = frozenset({"regulated_professions.yaml"})


class ReferenceDataError(ValueError):
    pass


@dataclass(frozen=True)
class CountyRow:
    code: str
    letter: str
    name: str
    slug: str
    seat: str
    erdf_programme_area: str


@dataclass(frozen=True)
class ThemeRow:
    slug: str
    name: str
    kind: str
    parent: str
    description: str
    order: int
    name_en: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class TargetGroupRow:
    slug: str
    name: str
    description: str
    order: int
    name_en: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class ResponsibilityRow:
    topic: str
    role: str
    target_groups: tuple[str, ...]
    description: str
    basis: str
    source_url: str
    questions: tuple[str, ...]
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class ServiceRow:
    name: str
    description: str
    url: str
    topic: str
    target_groups: tuple[str, ...]
    # The url is a whole site that is itself the service (verksamt.se, studera.nu, a licence register on its own
    # subdomain), not an organisation's home page standing in for a page it lacks.
    url_is_site: bool = False
    checked_on: datetime.date | None = None


@dataclass(frozen=True)
class MemberRow:
    actor: str
    role: str


@dataclass
class ActorRow:
    slug: str
    kind: str
    name: str
    short_name: str = ""
    org_number: str = ""
    code: str = ""
    website: str = ""
    seat: str = ""
    mandate: str = ""
    mandate_source_url: str = ""
    member_note: str = ""
    summary_en: str = ""  # a few sentences in English, from the organisation's own English page
    english_url: str = ""  # that page
    county: str = ""
    ministry: str = ""
    responsibilities: list[ResponsibilityRow] = field(default_factory=list)
    services: list[ServiceRow] = field(default_factory=list)
    members: list[MemberRow] = field(default_factory=list)
    members_all_of_kind: tuple[str, ...] = ()
    checked_on: datetime.date | None = None  # when the actor's facts were last compared with their sources
    file: str = ""  # where in data/ the actor is described, e.g. "actors/regions.yaml"


@dataclass
class Dataset:
    counties: list[CountyRow]
    themes: list[ThemeRow]
    target_groups: list[TargetGroupRow]
    actors: list[ActorRow]


def load(data_dir: Path) -> Dataset:
    counties = _load_counties(data_dir / "counties.csv")
    themes = _load_themes(data_dir / "themes.yaml")
    target_groups = _load_target_groups(data_dir / "target_groups.yaml")
    actors: list[ActorRow] = []
    for path in sorted((data_dir / "actors").glob("*.yaml")):
        if path.name not in NOT_ACTOR_FILES:
            actors.extend(_load_actor_file(path, data_dir))
    actors.sort(key=lambda a: KIND_ORDER.index(a.kind))
    dataset = Dataset(counties, themes, target_groups, actors)
    _check_references(dataset)
    return dataset


@dataclass(frozen=True)
class Vocabularies:
    """The fixed vocabularies that data/ defines, for documents that name them (the API's enumerations)."""

    county_codes: tuple[str, ...]
    county_slugs: tuple[str, ...]
    region_slugs: tuple[str, ...]
    theme_slugs: tuple[str, ...]
    topic_slugs: tuple[str, ...]
    target_group_slugs: tuple[str, ...]


def vocabularies(data_dir: Path) -> Vocabularies:
    """The counties, the regions, the themes (strategic areas and topics) and the target groups of data/.

    Reads only the four files that define them, not the whole directory (no database)."""
    counties = _load_counties(data_dir / "counties.csv")
    themes = _load_themes(data_dir / "themes.yaml")
    regions = _load_actor_file(data_dir / "actors" / "regions.yaml", data_dir)
    return Vocabularies(
        county_codes=tuple(county.code for county in counties),
        county_slugs=tuple(county.slug for county in counties),
        region_slugs=tuple(region.slug for region in regions if region.kind == "region"),
        theme_slugs=tuple(theme.slug for theme in themes),
        topic_slugs=tuple(theme.slug for theme in themes if theme.kind == "topic"),
        target_group_slugs=tuple(group.slug for group in _load_target_groups(data_dir / "target_groups.yaml")),
    )


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"{path}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{path}: not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 text") from exc


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"{path}: file is missing") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 text") from exc


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReferenceDataError(f"{where}: expected a mapping of fields, got {type(value).__name__}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReferenceDataError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _order(entry: dict[str, Any], default: int, where: str) -> int:
    value = entry.get("order")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReferenceDataError(f"{where}: 'order' must be a whole number, 0 or more")
    return value


def _text(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = _mapping(entry, where).get(key)
    if value is None or value == "":
        if required:
            raise ReferenceDataError(f"{where}: '{key}' is required")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ReferenceDataError(f"{where}: '{key}' must be text")
    return " ".join(str(value).split())


def _flag(entry: dict[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ReferenceDataError(f"{where}: {key} must be true or false, not {value!r}")
    return value


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = _mapping(entry, where).get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ReferenceDataError(f"{where}: '{key}' must be a list of text")
    return tuple(" ".join(item.split()) for item in value)


def checked_on(
    entry: dict[str, Any], where: str, *, default: datetime.date | None = None, required: bool = False
) -> datetime.date | None:
    """The record's `checked_on`: the day its facts were last compared with their sources (issue 16), or
    `default` (the file's) when the record has none. A real date written YYYY-MM-DD, never in the future: a
    check that has not happened yet is not a fact."""
    value = entry.get("checked_on")
    if value is None or value == "":
        if required:
            raise ReferenceDataError(
                f"{where}: 'checked_on' is required (the day the facts were last compared with their sources, "
                "YYYY-MM-DD)"
            )
        return default
    if isinstance(value, datetime.datetime):
        value = value.date()
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = datetime.date.fromisoformat(value.strip())
    if not isinstance(value, datetime.date):
        raise ReferenceDataError(f"{where}: 'checked_on' must be a date written YYYY-MM-DD, not {value!r}")
    if value > datetime.date.today():
        raise ReferenceDataError(f"{where}: 'checked_on' {value.isoformat()} is in the future")
    return value


def _load_counties(path: Path) -> list[CountyRow]:
    rows = []
    for number, row in enumerate(_read_csv(path), start=2):
        where = f"{path.name} line {number}"
        if not (row.get("code") or "").isdigit() or len(row["code"]) != 2:
            raise ReferenceDataError(f"{where}: code must be two digits")
        rows.append(
            CountyRow(
                code=row["code"],
                letter=_text(row, "letter", where, required=True),
                name=_text(row, "name", where, required=True),
                slug=_text(row, "slug", where, required=True),
                seat=_text(row, "seat", where, required=True),
                erdf_programme_area=_text(row, "erdf_programme_area", where),
            )
        )
    return rows


def _load_themes(path: Path) -> list[ThemeRow]:
    entries = _read_yaml(path)
    if not isinstance(entries, list):
        raise ReferenceDataError(f"{path.name}: expected a list of themes")
    rows = []
    for index, raw in enumerate(entries):
        where = f"{path.name} theme #{index + 1}"
        entry = _mapping(raw, where)
        kind = _text(entry, "kind", where, required=True)
        if kind not in THEME_KINDS:
            raise ReferenceDataError(f"{where}: kind must be one of {', '.join(THEME_KINDS)}")
        parent = _text(entry, "parent", where)
        if (kind == "topic") != bool(parent):
            raise ReferenceDataError(f"{where}: a topic needs a parent, a strategic area has none")
        rows.append(
            ThemeRow(
                slug=_text(entry, "slug", where, required=True),
                name=_text(entry, "name", where, required=True),
                kind=kind,
                parent=parent,
                description=_text(entry, "description", where),
                order=_order(entry, index, where),
                name_en=_text(entry, "name_en", where),
                description_en=_text(entry, "description_en", where),
            )
        )
    return rows


def _load_target_groups(path: Path) -> list[TargetGroupRow]:
    entries = _read_yaml(path)
    if not isinstance(entries, list):
        raise ReferenceDataError(f"{path.name}: expected a list of target groups")
    rows = []
    for index, raw in enumerate(entries):
        where = f"{path.name} #{index + 1}"
        entry = _mapping(raw, where)
        rows.append(
            TargetGroupRow(
                slug=_text(entry, "slug", where, required=True),
                name=_text(entry, "name", where, required=True),
                description=_text(entry, "description", where),
                order=index,
                name_en=_text(entry, "name_en", where),
                description_en=_text(entry, "description_en", where),
            )
        )
    return rows


def _responsibility(entry: dict[str, Any], where: str, checked: datetime.date | None) -> ResponsibilityRow:
    role = _text(entry, "role", where, required=True)
    if role not in ROLES:
        raise ReferenceDataError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}")
    return ResponsibilityRow(
        topic=_text(entry, "topic", where, required=True),
        role=role,
        target_groups=_strings(entry, "target_groups", where),
        description=_text(entry, "description", where, required=True),
        basis=_text(entry, "basis", where),
        source_url=_text(entry, "source_url", where, required=True),
        questions=_strings(entry, "questions", where),
        checked_on=checked_on(entry, where, default=checked),
    )


def _service(entry: dict[str, Any], where: str, checked: datetime.date | None) -> ServiceRow:
    return ServiceRow(
        name=_text(entry, "name", where, required=True),
        description=_text(entry, "description", where),
        url=_text(entry, "url", where),
        topic=_text(entry, "topic", where),
        target_groups=_strings(entry, "target_groups", where),
        url_is_site=_flag(entry, "url_is_site", where),
        checked_on=checked_on(entry, where, default=checked),
    )


def _load_actor_file(path: Path, data_dir: Path) -> list[ActorRow]:
    document = _read_yaml(path)
    if not isinstance(document, dict):
        raise ReferenceDataError(f"{path.name}: expected a mapping with 'kind' and 'actors'")
    kind = document.get("kind")
    if kind not in KINDS:
        raise ReferenceDataError(f"{path.name}: kind must be one of {', '.join(KINDS)}")
    file_checked = checked_on(document, path.name, required=True)
    common_resp = [
        _responsibility(entry, f"{path.name} common responsibility #{i + 1}", file_checked)
        for i, entry in enumerate(
            _list(document.get("common_responsibilities"), f"{path.name} common_responsibilities")
        )
    ]
    common_services = [
        _service(entry, f"{path.name} common service #{i + 1}", file_checked)
        for i, entry in enumerate(_list(document.get("common_services"), f"{path.name} common_services"))
    ]
    entries = _list(document.get("actors"), f"{path.name} actors")
    if kind == "municipality":
        entries = _municipality_entries(data_dir / "municipalities.csv")
    actors = []
    for index, raw in enumerate(entries):
        entry = _mapping(raw, f"{path.name} actor #{index + 1}")
        where = f"{path.name} actor #{index + 1} ({entry.get('slug', '?')})"
        actor_checked = checked_on(entry, where, default=file_checked)
        actor = ActorRow(
            file=f"actors/{path.name}",
            slug=_text(entry, "slug", where, required=True),
            kind=kind,
            name=_text(entry, "name", where, required=True),
            short_name=_text(entry, "short_name", where),
            org_number=_text(entry, "org_number", where),
            code=_text(entry, "code", where),
            website=_text(entry, "website", where),
            seat=_text(entry, "seat", where),
            mandate=_text(entry, "mandate", where),
            mandate_source_url=_text(entry, "mandate_source_url", where),
            member_note=_text(entry, "member_note", where),
            summary_en=_text(entry, "summary_en", where),
            english_url=_text(entry, "english_url", where),
            county=_text(entry, "county", where),
            ministry=_text(entry, "ministry", where),
            responsibilities=common_resp
            + [
                _responsibility(item, f"{where} responsibility #{i + 1}", actor_checked)
                for i, item in enumerate(_list(entry.get("responsibilities"), f"{where} responsibilities"))
            ],
            services=common_services
            + [
                _service(item, f"{where} service #{i + 1}", actor_checked)
                for i, item in enumerate(_list(entry.get("services"), f"{where} services"))
            ],
            members=[
                MemberRow(
                    actor=_text(item, "actor", f"{where} member #{i + 1}", required=True),
                    role=_text(item, "role", f"{where} member #{i + 1}") or "medlem",
                )
                for i, item in enumerate(_list(entry.get("members"), f"{where} members"))
            ],
            members_all_of_kind=_strings(entry, "members_all_of_kind", where),
            checked_on=actor_checked,
        )
        actors.append(actor)
    return actors


def _municipality_entries(path: Path) -> list[dict[str, Any]]:
    from collections import Counter

    from krokarm.lib.text import slugify_sv

    rows = _read_csv(path)
    # Håbo and Habo fold to the same ASCII slug; such names get their code appended.
    repeated = Counter(slugify_sv(row.get("name") or "") for row in rows)
    entries = []
    for number, row in enumerate(rows, start=2):
        code = row.get("kommunkod") or ""
        if not (code.isdigit() and len(code) == 4 and code[:2] == row.get("lanskod")):
            raise ReferenceDataError(f"{path.name} line {number}: kommunkod must be four digits starting with lanskod")
        name = _text(row, "name", f"{path.name} line {number}", required=True)
        base = slugify_sv(name)
        entries.append(
            {
                "slug": f"{base}-kommun" + (f"-{code}" if repeated[base] > 1 else ""),
                # The short name: official long forms vary ("Stockholms stad", "Falu kommun")
                # and are not in our sources, so we do not guess them.
                "name": name,
                "code": code,
                "county": row["lanskod"],
            }
        )
    return entries


def _check_references(dataset: Dataset) -> None:
    problems: list[str] = []
    county_codes = {c.code for c in dataset.counties}
    theme_slugs = {t.slug for t in dataset.themes}
    group_slugs = {g.slug for g in dataset.target_groups}
    seen: dict[str, str] = {}
    for theme in dataset.themes:
        if theme.parent and theme.parent not in theme_slugs:
            problems.append(f"theme {theme.slug}: unknown parent {theme.parent}")
    if len(theme_slugs) != len(dataset.themes):
        problems.append("themes.yaml: theme slugs must be unique")
    for actor in dataset.actors:
        if actor.slug in seen:
            problems.append(f"actor slug {actor.slug} is used twice ({seen[actor.slug]} and {actor.kind})")
        seen[actor.slug] = actor.kind
    kinds = {a.slug: a.kind for a in dataset.actors}
    for actor in dataset.actors:
        if actor.county and actor.county not in county_codes:
            problems.append(f"{actor.slug}: unknown county {actor.county}")
        if actor.ministry and kinds.get(actor.ministry) != "ministry":
            problems.append(f"{actor.slug}: {actor.ministry} is not a ministry in ministries.yaml")
        pairs = set()
        for resp in actor.responsibilities:
            if resp.topic not in theme_slugs:
                problems.append(f"{actor.slug}: unknown topic {resp.topic}")
            if (resp.topic, resp.role) in pairs:
                problems.append(f"{actor.slug}: role {resp.role} on {resp.topic} appears twice")
            pairs.add((resp.topic, resp.role))
            problems.extend(
                f"{actor.slug}: unknown target group {g}" for g in resp.target_groups if g not in group_slugs
            )
        names = set()
        for service in actor.services:
            if service.topic and service.topic not in theme_slugs:
                problems.append(f"{actor.slug}: service {service.name}: unknown topic {service.topic}")
            if service.name in names:
                problems.append(f"{actor.slug}: service {service.name} appears twice")
            names.add(service.name)
            problems.extend(
                f"{actor.slug}: service {service.name}: unknown target group {g}"
                for g in service.target_groups
                if g not in group_slugs
            )
        for member in actor.members:
            if member.actor not in kinds:
                problems.append(f"{actor.slug}: unknown member {member.actor}")
            if member.role not in MEMBER_ROLES:
                problems.append(f"{actor.slug}: member role must be samordnare or medlem")
        problems.extend(f"{actor.slug}: unknown kind {k}" for k in actor.members_all_of_kind if k not in KINDS)
    if problems:
        raise ReferenceDataError("; ".join(problems))


def service_link_problems(dataset: Dataset) -> list[str]:
    """What keeps a service from being a next step that fits its asker and goes where it says (GitHub issue 16,
    point 4): every service names whom it is for, and its `url` is the service's own page. A bare home page
    (no path) is allowed only with `url_is_site: true`, for a site that is the service itself; a service without
    a page of its own has no `url` and the way in links to its actor's website under the actor's name."""
    problems: dict[str, None] = {}  # ordered and without the copies of `common_services`
    for actor in dataset.actors:
        owner = actor.file or actor.slug
        for service in actor.services:
            where = f"{owner}: service {service.name}"
            if not service.target_groups:
                problems[f"{where}: no target_groups (whom is it for?)"] = None
            if service.url and urlsplit(service.url).path in ("", "/") and not service.url_is_site:
                problems[
                    f"{where}: url {service.url} is a home page, not the service's own page "
                    "(link the service's page, drop the url, or mark a site that is the service url_is_site: true)"
                ] = None
            if service.url_is_site and not service.url:
                problems[f"{where}: url_is_site without a url"] = None
    return list(problems)
