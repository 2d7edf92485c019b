"""`krokarm seed` loads data/funding/programmes.yaml after the actors, idempotently and audited, and keeps the
corrections made in the admin."""

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
from krokarm.audit.actions import save_tracked
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.funding import reference_data as funding_data
from krokarm.funding.actions import apply_programme_data
from krokarm.funding.models import Programme, Reach
from krokarm.funding.tests.factories import make_programme
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
    document = yaml.safe_load((settings.DATA_DIR / "funding" / "programmes.yaml").read_text(encoding="utf-8"))
    return {row["slug"] for row in document["programmes"]}


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
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = document["programmes"]
    fro = next(row for row in rows if row["slug"] == "fonden-for-en-rattvis-omstallning")
    fro["reach"] = [r for r in fro["reach"] if r["target"] != "foretag"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert "EU programmes: 0 created, 0 updated, 1 deleted" in seed("--data-dir", str(data))
    assert not Reach.objects.filter(programme__fund="fro", target="foretag").exists()
    assert AuditEntry.objects.filter(action="reach.deleted", source="seed").count() == 1


def test_a_changed_budget_is_one_audited_update(tmp_path: Path):
    data = _copy(tmp_path)
    path = data / "funding" / "programmes.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = document["programmes"]
    next(row for row in rows if row["slug"] == "interreg-europe")["budget"] = "379 miljoner euro."
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
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
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = document["programmes"]
    next(row for row in rows if row["slug"] == "interreg-europe").update(change)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        seed("--data-dir", str(data))


def test_applying_changed_and_removed_rows_is_audited_without_extra_queries_per_row():
    current = rows()
    changed = [
        dataclasses.replace(row, themes=(*row.themes, "folkbildning")) if row.slug == "esf-plus-e" else row
        for row in current
        if row.slug != "interreg-europe"
    ]
    reach = Reach.objects.filter(programme__slug="interreg-europe").count()
    summary = apply_programme_data(changed)
    # The programme and each of its reach rows: every deletion has its own audit row.
    assert (summary.created, summary.updated, summary.deleted) == (0, 1, 1 + reach)
    assert "folkbildning" in {t.slug for t in Programme.objects.get(slug="esf-plus-e").themes.all()}
    assert not Programme.objects.filter(slug="interreg-europe").exists()
    assert AuditEntry.objects.filter(action="programme.deleted", target_repr="Interreg Europe").count() == 1
    assert AuditEntry.objects.filter(action="reach.deleted", target_repr__startswith="Interreg Europe").count() == reach


# Corrections made in the admin are kept (issue 14): the file is reference data, the admin's changes are people's.


def correct_in_admin(slug: str, **values: object) -> Programme:
    """What a correction in the admin leaves behind: the row changed, audited with source "admin"."""
    programme = Programme.objects.get(slug=slug)
    save_tracked(programme, dict(values), source="admin")
    return programme


def test_every_programme_and_reach_row_knows_its_file_and_key():
    programme = Programme.objects.get(slug="interreg-europe")
    record = ReferenceRecord.objects.get(target_type="funding.programme", target_id=str(programme.pk))
    assert (record.file, record.key) == ("funding/programmes.yaml", "interreg-europe")
    reach = programme.reach.get(target="organisationer")
    record = ReferenceRecord.objects.get(target_type="funding.reach", target_id=str(reach.pk))
    assert record.key == "interreg-europe / räckvidd / organisationer"


def test_reseeding_keeps_a_budget_corrected_in_the_admin_and_reports_the_conflict():
    file_budget = Programme.objects.get(slug="interreg-europe").budget
    correct_in_admin("interreg-europe", budget="379 miljoner euro (rättat).")
    summary = apply_programme_data(rows())
    assert Programme.objects.get(slug="interreg-europe").budget == "379 miljoner euro (rättat)."
    [conflict] = summary.conflicts
    assert (conflict.file, conflict.key, conflict.field) == ("funding/programmes.yaml", "interreg-europe", "budget")
    assert (conflict.file_value, conflict.site_value, conflict.taken) == (
        file_budget,
        "379 miljoner euro (rättat).",
        "site",
    )
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)


def test_take_file_puts_the_files_budget_back():
    file_budget = Programme.objects.get(slug="interreg-europe").budget
    correct_in_admin("interreg-europe", budget="379 miljoner euro (rättat).")
    summary = apply_programme_data(rows(), take_file=True)
    assert Programme.objects.get(slug="interreg-europe").budget == file_budget
    assert [(c.field, c.taken) for c in summary.conflicts] == [("budget", "file")]


def test_a_programme_made_in_the_admin_survives_a_reseed():
    made = make_programme("eget-program", themes=["kompetensforsorjning"], reach={"foretag": "direkt"})
    audited = AuditEntry.objects.filter(target_type__startswith="funding.").count()
    summary = apply_programme_data(rows())
    assert Programme.objects.filter(pk=made.pk).exists() and made.reach.count() == 1
    assert summary.conflicts == [] and summary.deleted == 0
    assert AuditEntry.objects.filter(target_type__startswith="funding.").count() == audited


def test_a_programme_the_file_dropped_but_the_admin_corrected_is_kept_and_reported():
    correct_in_admin("interreg-europe", budget="Rättat i administrationen.")
    summary = apply_programme_data([row for row in rows() if row.slug != "interreg-europe"])
    programme = Programme.objects.get(slug="interreg-europe")  # kept: a person corrected it
    assert programme.budget == "Rättat i administrationen."
    [conflict] = [c for c in summary.conflicts if c.kind == "removed"]
    assert conflict.key == "interreg-europe" and "changed on the site (budget)" in str(conflict)


def test_a_dropped_part_is_deleted_on_its_own_before_its_programme():
    parts = set(Programme.objects.filter(parent__slug="esf-plus").values_list("slug", flat=True))
    summary = apply_programme_data([row for row in rows() if row.slug != "esf-plus" and row.slug not in parts])
    assert not Programme.objects.filter(slug__in={"esf-plus", *parts}).exists()
    deleted = set(AuditEntry.objects.filter(action="programme.deleted").values_list("target_repr", flat=True))
    assert len(deleted) == len(parts) + 1  # every part has its own audit row, not only the programme
    assert summary.conflicts == []


def test_the_seed_command_prints_the_programme_conflicts():
    correct_in_admin("interreg-europe", budget="379 miljoner euro (rättat).")
    out = seed()
    assert "EU programmes: 0 created, 0 updated, 0 deleted, 1 conflicts (site values kept)" in out
    assert "conflict: funding/programmes.yaml [interreg-europe] budget: file" in out
    assert "site '379 miljoner euro (rättat).' — kept the site's value" in out
