"""Every fact is dated (issue 16): data/funding/programmes.yaml says when its facts were last compared with their
sources, a programme may say so for itself, and the seed keeps the day in the programme's reference record."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import ReferenceRecord
from krokarm.funding import reference_data
from krokarm.funding.models import Programme
from krokarm.funding.reference_data import Known, ReferenceDataError

PATH = Path(settings.DATA_DIR) / "funding" / "programmes.yaml"


def _load(path: Path) -> list[reference_data.ProgrammeRow]:
    return reference_data.load(path, Known.from_dataset(actors_ref.load(Path(settings.DATA_DIR))))


def test_the_programmes_file_says_when_it_was_checked_and_every_programme_has_a_date_not_after_today():
    document = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    assert isinstance(document["checked_on"], datetime.date)
    rows = _load(PATH)
    assert rows and all(row.checked_on is not None and row.checked_on <= datetime.date.today() for row in rows)


def test_a_file_without_checked_on_is_refused(tmp_path: Path):
    document = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    document.pop("checked_on")
    path = tmp_path / "programmes.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"programmes\.yaml: 'checked_on' is required"):
        _load(path)


def test_a_programmes_own_date_overrides_the_files_and_a_bad_one_names_the_programme(tmp_path: Path):
    document = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    slug = document["programmes"][0]["slug"]
    document["programmes"][0]["checked_on"] = "2026-10-03"
    path = tmp_path / "programmes.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert next(row for row in _load(path) if row.slug == slug).checked_on == datetime.date(2026, 10, 3)

    document["programmes"][0]["checked_on"] = "2026-13-01"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=rf"programmes\.yaml \({slug}\): 'checked_on' must be a date"):
        _load(path)


@pytest.mark.django_db
def test_the_seed_keeps_the_files_date_in_each_programmes_record():
    document = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    programme = Programme.objects.get(slug=document["programmes"][0]["slug"])
    record = ReferenceRecord.objects.get(target_type="funding.programme", target_id=str(programme.pk))
    assert record.checked_on == document["checked_on"]
