"""Every fact is dated (issue 16): each actor file says when its facts were last compared with their sources, a
record may say so for itself, and the seed keeps the day in the row's reference record."""

from __future__ import annotations

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from krokarm.actors import reference_data
from krokarm.actors.models import Actor, Responsibility
from krokarm.actors.reference_data import ReferenceDataError
from krokarm.audit.models import AuditEntry, ReferenceRecord

ACTOR_FILES = sorted((Path(settings.DATA_DIR) / "actors").glob("*.yaml"))


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, target)
    return target


@pytest.mark.parametrize("path", ACTOR_FILES, ids=lambda path: path.name)
def test_every_actor_file_says_when_it_was_checked_and_not_after_today(path: Path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document.get("checked_on"), datetime.date), f"{path.name}: no checked_on date"
    assert document["checked_on"] <= datetime.date.today()


def test_every_actor_responsibility_and_service_read_has_a_date_not_after_today():
    dataset = reference_data.load(settings.DATA_DIR)
    today = datetime.date.today()
    dates = [actor.checked_on for actor in dataset.actors]
    dates += [row.checked_on for actor in dataset.actors for row in actor.responsibilities]
    dates += [row.checked_on for actor in dataset.actors for row in actor.services]
    assert dates and all(day is not None and day <= today for day in dates)


def test_a_file_without_checked_on_is_refused_naming_the_file(tmp_path: Path):
    data = _copy(tmp_path)
    path = data / "actors" / "networks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("checked_on:", "# checked_on:", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"networks\.yaml: 'checked_on' is required"):
        reference_data.load(data)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", r"'checked_on' must be a date written YYYY-MM-DD"),
        ("igår", r"'checked_on' must be a date written YYYY-MM-DD"),
        ((datetime.date.today() + datetime.timedelta(days=1)).isoformat(), r"'checked_on' \S+ is in the future"),
    ],
)
def test_a_records_bad_date_is_refused_naming_the_file_and_the_record(tmp_path: Path, value: str, message: str):
    data = _copy(tmp_path)
    path = data / "actors" / "networks.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["actors"][0]["checked_on"] = value
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    slug = document["actors"][0]["slug"]
    with pytest.raises(ReferenceDataError, match=rf"networks\.yaml actor #1 \({slug}\): {message}"):
        reference_data.load(data)


@pytest.mark.django_db
def test_the_seed_keeps_each_rows_checked_on_in_its_reference_record():
    dataset = reference_data.load(settings.DATA_DIR)
    row = next(actor for actor in dataset.actors if actor.slug == "arbetsformedlingen")
    actor = Actor.objects.get(slug="arbetsformedlingen")
    record = ReferenceRecord.objects.get(target_type="actors.actor", target_id=str(actor.pk))
    assert row.checked_on is not None and record.checked_on == row.checked_on
    resp = Responsibility.objects.filter(actor=actor).first()
    assert resp is not None
    resp_record = ReferenceRecord.objects.get(target_type="actors.responsibility", target_id=str(resp.pk))
    assert resp_record.checked_on == row.checked_on


@pytest.mark.django_db
def test_a_records_own_date_overrides_the_files_and_a_second_seed_changes_nothing(tmp_path: Path):
    data = _copy(tmp_path)
    path = data / "actors" / "networks.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["actors"][0]["checked_on"] = datetime.date(2026, 10, 1)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    audit_rows = AuditEntry.objects.count()

    call_command("seed", "--data-dir", str(data), stdout=StringIO())
    network = Actor.objects.get(slug=document["actors"][0]["slug"])
    record = ReferenceRecord.objects.get(target_type="actors.actor", target_id=str(network.pk))
    assert record.checked_on == datetime.date(2026, 10, 1)
    assert AuditEntry.objects.count() == audit_rows  # a date of checking is not a change of the facts

    before = list(ReferenceRecord.objects.order_by("pk").values_list("pk", "checked_on", "values"))
    call_command("seed", "--data-dir", str(data), stdout=StringIO())
    assert list(ReferenceRecord.objects.order_by("pk").values_list("pk", "checked_on", "values")) == before
    assert AuditEntry.objects.count() == audit_rows
