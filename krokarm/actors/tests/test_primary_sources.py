"""Every URL in data/ is a primary source or a reviewed exception (data/primary_sources.yaml)."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from krokarm.actors import primary_sources
from krokarm.actors.primary_sources import Policy
from krokarm.actors.reference_data import ReferenceDataError


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, target)
    return target


def _report(found: list[primary_sources.Found]) -> str:
    return "\n".join(str(f) for f in found)


def test_every_url_in_data_is_on_a_primary_domain_or_an_exception():
    policy = primary_sources.load_policy(settings.DATA_DIR)
    offending = primary_sources.not_primary(primary_sources.urls_in(settings.DATA_DIR), policy)
    assert not offending, (
        "Not a primary source: use the organisation's own page, the law on riksdagen.se or the decision, "
        "or add an exception with a reason to data/primary_sources.yaml:\n" + _report(offending)
    )


def test_every_exception_is_still_needed():
    policy = primary_sources.load_policy(settings.DATA_DIR)
    unused = primary_sources.unused_exceptions(primary_sources.urls_in(settings.DATA_DIR), policy)
    assert not unused, "Remove these exceptions from data/primary_sources.yaml, no URL needs them: " + ", ".join(unused)


def test_the_check_reads_urls_from_every_kind_of_data_file():
    files = {found.file.split("/")[0] for found in primary_sources.urls_in(settings.DATA_DIR)}
    assert {"actors", "strategies", "challenges", "knowledge", "funding", "dialogues"} <= files


def test_a_domain_missing_from_the_list_fails_with_every_url_and_its_file():
    policy = primary_sources.load_policy(settings.DATA_DIR)
    found = primary_sources.urls_in(settings.DATA_DIR)
    without = Policy(policy.domains - {"riksdagen.se"}, policy.exceptions)
    offending = primary_sources.not_primary(found, without)
    assert offending
    assert all("riksdagen.se/" in f.url for f in offending)
    assert len(offending) == sum("riksdagen.se/" in f.url for f in found)
    assert all(str(f).startswith(f"data/{f.file}:{f.line}: http") for f in offending)


def test_a_missing_exception_fails_on_the_urls_it_covered():
    policy = primary_sources.load_policy(settings.DATA_DIR)
    found = primary_sources.urls_in(settings.DATA_DIR)
    dropped = "https://www.phi.se/studera-med-omstallningsstudiestod/information-om-omstallningsstudiestodet/"
    without = Policy(policy.domains, {k: v for k, v in policy.exceptions.items() if k != dropped})
    offending = primary_sources.not_primary(found, without)
    assert [(f.file, f.url) for f in offending] == [("actors/agencies-kompetens.yaml", dropped)]


def test_an_actors_website_counts_as_primary_without_being_listed(data_dir: Path):
    document = yaml.safe_load((data_dir / "primary_sources.yaml").read_text(encoding="utf-8"))
    listed = {d for group in document["domains"].values() for d in group["domains"]}
    assert "tillvaxtverket.se" not in listed
    assert "tillvaxtverket.se" in primary_sources.load_policy(data_dir).domains


def test_a_new_secondary_url_is_reported_with_its_file_and_line(data_dir: Path):
    path = data_dir / "challenges" / "omstallning-till-ett-fossilfritt-samhalle.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# https://news.example.com/artikel\n", encoding="utf-8")
    policy = primary_sources.load_policy(data_dir)
    offending = primary_sources.not_primary(primary_sources.urls_in(data_dir), policy)
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert [str(f) for f in offending] == [
        f"data/challenges/omstallning-till-ett-fossilfritt-samhalle.yaml:{line}: https://news.example.com/artikel"
    ]


def test_a_subdomain_of_a_listed_domain_is_primary_but_a_lookalike_is_not():
    policy = Policy(frozenset({"regeringen.se"}), {})
    found = [
        primary_sources.Found("a.yaml", 1, "https://www.regeringen.se/x"),
        primary_sources.Found("a.yaml", 2, "https://falskaregeringen.se/x"),
    ]
    assert [f.line for f in primary_sources.not_primary(found, policy)] == [2]


def test_an_exception_without_a_reason_is_refused(data_dir: Path):
    path = data_dir / "primary_sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - url: https://news.example.com/artikel\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="'reason' is required"):
        primary_sources.load_policy(data_dir)


def test_a_group_without_a_why_is_refused(data_dir: Path):
    path = data_dir / "primary_sources.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["domains"]["eu"].pop("why")
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"domains\.eu: 'why' is required"):
        primary_sources.load_policy(data_dir)


def test_the_way_ins_evaluation_sets_are_not_checked_but_the_same_url_elsewhere_is(data_dir: Path):
    """data/wayin/ holds test questions; their `source` names the page a question was paraphrased from."""
    line = '{"id": "x", "q": "?", "source": "https://forum.example.com/fraga"}\n'
    (data_dir / "wayin" / "blindset.jsonl").write_text(line, encoding="utf-8")
    policy = primary_sources.load_policy(data_dir)
    assert not primary_sources.not_primary(primary_sources.urls_in(data_dir), policy)
    (data_dir / "knowledge" / "extra.jsonl").write_text(line, encoding="utf-8")
    offending = primary_sources.not_primary(primary_sources.urls_in(data_dir), policy)
    assert [str(f) for f in offending] == ["data/knowledge/extra.jsonl:1: https://forum.example.com/fraga"]
