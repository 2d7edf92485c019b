"""`krokarm seed` loads data/funding/programmes.yaml after the actors, idempotently and audited."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from krokarm.actors import reference_data
from krokarm.audit.models import AuditEntry
from krokarm.funding import reference_data as funding_data
from krokarm.funding.actions import apply_programme_data
from krokarm.funding.models import Programme, Reach
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    """The whole seed, checked for N+1 queries like every test."""
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def rows() -> list[funding_data.ProgrammeRow]:
    dataset = reference_data.load(settings.DATA_DIR)
    return funding_data.load(
        settings.DATA_DIR / "funding" / "programmes.yaml", funding_data.Known.from_dataset(dataset)
    )


def file_slugs() -> set[str]:
    rows = yaml.safe_load((settings.DATA_DIR / "funding" / "programmes.yaml").read_text(encoding="utf-8"))
    return {row["slug"] for row in rows}


def county_slugs(programme: Programme) -> set[str]:
    return {county.slug for county in programme.counties.all()}


def test_the_seed_loads_every_programme_in_the_file():
    assert set(Programme.objects.values_list("slug", flat=True)) == file_slugs()
    assert Programme.objects.get(slug="regionalfonden-nationellt").managing_authority.slug == "tillvaxtverket"
    assert Programme.objects.get(slug="esf-plus-d").parent.slug == "esf-plus"
    assert Programme.objects.filter(source_url="").count() == 0


def test_running_the_seed_again_changes_no_programme():
    audited = AuditEntry.objects.filter(target_type__startswith="funding.")
    before = audited.count()
    assert "EU programmes: 0 created, 0 updated, 0 deleted" in seed()
    assert audited.count() == before


def test_applying_the_file_again_changes_nothing():
    summary = apply_programme_data(rows())
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)


def test_every_county_is_in_exactly_one_regional_erdf_area():
    areas = Programme.objects.filter(fund="eruf", kind="regional", part="programme")
    assert areas.count() == 8
    counts = Counter(slug for area in areas.prefetch_related("counties") for slug in county_slugs(area))
    assert counts == Counter(dict.fromkeys(County.objects.values_list("slug", flat=True), 1))
    assert len(counts) == 21


def test_esf_plus_has_eight_regions_covering_every_county_once():
    plans = Programme.objects.filter(parent__slug="esf-plus", part="regional_plan").prefetch_related("counties")
    assert plans.count() == 8
    counts = Counter(slug for plan in plans for slug in county_slugs(plan))
    assert set(counts.values()) == {1}
    assert len(counts) == 21


def test_esf_plus_areas_a_to_e_and_the_unconfirmed_sixth():
    areas = Programme.objects.filter(parent__slug="esf-plus", part="area")
    assert areas.count() == 6
    assert county_slugs(areas.get(slug="esf-plus-d")) == {
        "norrbottens-lan",
        "vasterbottens-lan",
        "jamtlands-lan",
        "vasternorrlands-lan",
    }
    sixth = areas.get(slug="esf-plus-sjatte-omradet")
    assert not sixth.confirmed and sixth.unconfirmed
    assert list(areas.filter(confirmed=False)) == [sixth]


def test_the_just_transition_fund_covers_exactly_three_counties():
    fro = Programme.objects.get(fund="fro")
    assert county_slugs(fro) == {"norrbottens-lan", "vasterbottens-lan", "gotlands-lan"}


def test_interreg_programmes_are_marked_unconfirmed_with_their_own_site_as_source():
    interreg = Programme.objects.filter(fund="interreg")
    assert interreg.count() >= 9
    assert not interreg.filter(confirmed=True).exists()
    assert interreg.get(slug="interreg-aurora").managing_authority.slug == "lansstyrelsen-norrbotten"
    assert interreg.get(slug="interreg-europe").managing_authority is None


def test_individuals_are_only_ever_reached_through_projects():
    assert Reach.objects.filter(target="individer").exists()
    assert not Reach.objects.filter(target="individer").exclude(how="genom_projekt").exists()


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    return data


def test_a_removed_reach_row_is_deleted_with_an_audit_row(tmp_path: Path):
    data = _copy(tmp_path)
    path = data / "funding" / "programmes.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    fro = next(row for row in rows if row["slug"] == "fonden-for-en-rattvis-omstallning")
    fro["reach"] = [r for r in fro["reach"] if r["target"] != "foretag"]
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    assert "EU programmes: 0 created, 0 updated, 1 deleted" in seed("--data-dir", str(data))
    assert not Reach.objects.filter(programme__fund="fro", target="foretag").exists()
    assert AuditEntry.objects.filter(action="reach.deleted", source="seed").count() == 1


def test_a_changed_budget_is_one_audited_update(tmp_path: Path):
    data = _copy(tmp_path)
    path = data / "funding" / "programmes.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(row for row in rows if row["slug"] == "interreg-europe")["budget"] = "379 miljoner euro."
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    assert "EU programmes: 0 created, 1 updated, 0 deleted" in seed("--data-dir", str(data))
    entry = AuditEntry.objects.get(action="programme.updated", source="seed")
    assert entry.changes == {"budget": ["", "379 miljoner euro."]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"themes": ["rymdfart"]}, r"interreg-europe\): unknown theme rymdfart"),
        ({"counties": ["atlantis-lan"]}, r"interreg-europe\): unknown county atlantis-lan"),
        ({"managing_authority_text": "", "managing_authority": "nasa"}, r"unknown actor nasa"),
        ({"reach": [{"target": "individer", "how": "direkt"}]}, r"individuals are reached 'genom_projekt'"),
        ({"source": "eufonder.se"}, r"'source' must be a web address"),
        ({"fund": "marshallplanen"}, r"'fund' must be one of"),
    ],
)
def test_a_broken_programme_stops_the_seed_naming_the_programme(tmp_path: Path, change: dict, message: str):
    data = _copy(tmp_path)
    path = data / "funding" / "programmes.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(row for row in rows if row["slug"] == "interreg-europe").update(change)
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        seed("--data-dir", str(data))


def test_applying_changed_and_removed_rows_is_audited_without_extra_queries_per_row():
    current = rows()
    changed = [
        dataclasses.replace(row, themes=(*row.themes, "folkbildning")) if row.slug == "esf-plus-e" else row
        for row in current
        if row.slug != "interreg-europe"
    ]
    summary = apply_programme_data(changed)
    assert (summary.created, summary.updated, summary.deleted) == (0, 1, 1)
    assert "folkbildning" in {t.slug for t in Programme.objects.get(slug="esf-plus-e").themes.all()}
    assert not Programme.objects.filter(slug="interreg-europe").exists()
    assert AuditEntry.objects.filter(action="programme.deleted", target_repr="Interreg Europe").count() == 1
