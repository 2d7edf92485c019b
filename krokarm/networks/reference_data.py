"""Reading data/networks/links.yaml: the joint spaces of networks that exist from the start."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from krokarm.actors.reference_data import ReferenceDataError


@dataclass(frozen=True)
class LinkRow:
    slug: str
    name: str
    description: str
    networks: tuple[str, ...]
    file: str = "networks/links.yaml"  # where in data/ the row is (the seed's conflicts name it)


def load(path: Path, network_slugs: Collection[str]) -> list[LinkRow]:
    """The links in `path` (none if the file does not exist), each checked against the known networks."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"{path}: not valid YAML ({exc})") from exc
    rows: list[LinkRow] = []
    for n, item in enumerate(data.get("links") or [], start=1):
        where = f"{path}, link {n}"
        if not isinstance(item, dict):
            raise ReferenceDataError(f"{where}: expected a mapping")
        slug, name = str(item.get("slug") or ""), str(item.get("name") or "")
        if not slug or not name:
            raise ReferenceDataError(f"{where}: slug and name are required")
        networks = tuple(str(s) for s in item.get("networks") or [])
        if len(networks) < 2:
            raise ReferenceDataError(f"{where} ({slug}): a link joins at least two networks")
        unknown = sorted(set(networks) - set(network_slugs))
        if unknown:
            raise ReferenceDataError(f"{where} ({slug}): unknown networks {', '.join(unknown)}")
        description = str(item.get("description") or "").strip()
        file = f"{path.parent.name}/{path.name}"
        rows.append(LinkRow(slug=slug, name=name, description=description, networks=networks, file=file))
    return rows
