"""Which URLs in data/ are not primary sources (see data/primary_sources.yaml).

A fact in krokarm is only as good as its source, so every URL in data/ must be on a domain that
data/primary_sources.yaml lists (government, Riksdag, agencies, regions, municipalities, the EU),
on the website of an actor in data/actors/*.yaml (what an organisation says about itself), or be
an exception there with a reason. Plain data in and out; no database.

The URLs are read from the files' text, not from the loaders' rows: that way a URL in any field,
including one added later or one in a comment, is checked without a list of fields to keep up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from krokarm.actors import reference_data
from krokarm.actors.reference_data import ReferenceDataError, _list, _mapping, _read_yaml, _text

POLICY_FILE = "primary_sources.yaml"
# Files in data/ that hold facts; the README files only describe the format (with "https://…").
DATA_SUFFIXES = (".yaml", ".yml", ".csv", ".jsonl")
EVALUATION_SETS = "wayin"  # questions to measure the way in with, not facts (see urls_in)
URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


@dataclass(frozen=True)
class Policy:
    domains: frozenset[str]  # a domain matches itself and its subdomains
    exceptions: dict[str, str]  # a URL or a domain → why it is accepted anyway


@dataclass(frozen=True)
class Found:
    file: str  # relative to data/, e.g. "actors/regions.yaml"
    line: int
    url: str

    def __str__(self) -> str:
        return f"data/{self.file}:{self.line}: {self.url}"


def load_policy(data_dir: Path) -> Policy:
    """Read data/primary_sources.yaml and add every actor's website; raise ReferenceDataError on a bad file."""
    where = POLICY_FILE
    document = _mapping(_read_yaml(data_dir / POLICY_FILE), where)
    domains: set[str] = set()
    for name, group in _mapping(document.get("domains"), f"{where}: domains").items():
        group = _mapping(group, f"{where}: domains.{name}")
        _text(group, "why", f"{where}: domains.{name}", required=True)
        domains.update(_domain(d, f"{where}: domains.{name}") for d in _list(group.get("domains"), f"{where}: {name}"))
    exceptions: dict[str, str] = {}
    for number, raw in enumerate(_list(document.get("exceptions", []), f"{where}: exceptions"), start=1):
        entry = _mapping(raw, f"{where}: exception {number}")
        place = f"{where}: exception {number}"
        target = _text(entry, "url", place) or _domain(_text(entry, "domain", place), place)
        if not target:
            raise ReferenceDataError(f"{place}: give a url or a domain")
        exceptions[target] = _text(entry, "reason", place, required=True)
    domains.update(own_websites(data_dir))
    return Policy(frozenset(domains), exceptions)


def own_websites(data_dir: Path) -> set[str]:
    """The domains of the actors' websites: an organisation is a primary source about itself."""
    return {_host(actor.website) for actor in reference_data.load(data_dir).actors if actor.website}


def urls_in(data_dir: Path) -> list[Found]:
    """Every URL in the data files under data_dir, with the file and line it is on. The way in's evaluation sets
    (data/wayin/) are left out: their `source` says which public page a test question was paraphrased from, which
    is not a fact krokarm shows anyone."""
    found: list[Found] = []
    for path in sorted(data_dir.rglob("*")):
        if path.suffix not in DATA_SUFFIXES or path.name == POLICY_FILE:
            continue
        if path.relative_to(data_dir).parts[0] == EVALUATION_SETS:
            continue
        file = path.relative_to(data_dir).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found.extend(Found(file, number, url.rstrip(".,;:")) for url in URL.findall(line))
    return found


def not_primary(found: list[Found], policy: Policy) -> list[Found]:
    """The URLs that are neither on a primary domain nor an exception."""
    return [f for f in found if not _accepted(f.url, policy)]


def unused_exceptions(found: list[Found], policy: Policy) -> list[str]:
    """Exceptions that no URL needs any more (the URL was fixed or its domain became primary)."""
    needed = {f.url for f in found if not _on_primary_domain(f.url, policy)}
    hosts = {_host(url) for url in needed}
    return [
        target
        for target in policy.exceptions
        if target not in needed and not any(_matches(host, target) for host in hosts)
    ]


def _accepted(url: str, policy: Policy) -> bool:
    if _on_primary_domain(url, policy) or url in policy.exceptions:
        return True
    return any(_matches(_host(url), target) for target in policy.exceptions if "/" not in target)


def _on_primary_domain(url: str, policy: Policy) -> bool:
    host = _host(url)
    return any(_matches(host, domain) for domain in policy.domains)


def _matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _domain(value: object, where: str) -> str:
    if not isinstance(value, str) or "/" in value or " " in value:
        raise ReferenceDataError(f"{where}: {value!r} is not a domain such as regeringen.se")
    return value.lower().removeprefix("www.")
