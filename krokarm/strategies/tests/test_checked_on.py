"""Every fact is dated (issue 16): each strategy file says when its facts were last compared with their sources;
a strategy, phase or entry point may say so for itself, and the seed keeps the day in the row's reference record."""

from __future__ import annotations

import datetime
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from krokarm.actors import reference_data as actors_ref
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.strategies import reference_data
from krokarm.strategies.models import Phase, Strategy
from krokarm.strategies.reference_data import Known, ReferenceDataError

STRATEGY_FILES = sorted((Path(settings.DATA_DIR) / "strategies").glob("*.yaml"))


def _rows(data: Path) -> list[reference_data.RegionStrategyRow]:
    known = Known.from_dataset(actors_ref.load(Path(settings.DATA_DIR)))
    return reference_data.load(data / "strategies", known)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, target)
    return target


def _edit(path: Path, change: Any) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return document


@pytest.mark.parametrize("path", STRATEGY_FILES, ids=lambda path: path.name)
def test_every_strategy_file_says_when_it_was_checked_and_not_after_today(path: Path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document.get("checked_on"), datetime.date), f"{path.name}: no checked_on date"
    assert document["checked_on"] <= datetime.date.today()


def test_every_strategy_phase_and_entry_point_read_has_a_date_not_after_today():
    today = datetime.date.today()
    dates = []
    for row in _rows(Path(settings.DATA_DIR)):
        dates.append(row.strategy.checked_on)
        if row.process is not None:
            for phase in row.process.phases:
                dates.append(phase.checked_on)
                dates.extend(entry.checked_on for entry in phase.entry_points)
    assert dates and all(day is not None and day <= today for day in dates)


def test_a_file_without_checked_on_is_refused_naming_the_file(tmp_path: Path):
    data = _copy(tmp_path)
    _edit(data / "strategies" / "region-skane.yaml", lambda document: document.pop("checked_on"))
    with pytest.raises(ReferenceDataError, match=r"region-skane\.yaml \(region-skane\): 'checked_on' is required"):
        _rows(data)


def test_a_phase_checked_in_the_future_is_refused_naming_the_file_and_the_phase(tmp_path: Path):
    data = _copy(tmp_path)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    _edit(
        data / "strategies" / "region-skane.yaml",
        lambda document: document["process"]["phases"][0].update(checked_on=tomorrow),
    )
    with pytest.raises(ReferenceDataError, match=r"region-skane\.yaml \(region-skane\) process phase #1: 'checked_on'"):
        _rows(data)


@pytest.mark.django_db
def test_the_seed_keeps_the_files_date_and_a_phases_own_date_without_an_audit_row(tmp_path: Path):
    strategy = Strategy.objects.get(region__slug="region-skane", is_current=True)
    record = ReferenceRecord.objects.get(target_type="strategies.strategy", target_id=str(strategy.pk))
    file_date = yaml.safe_load((Path(settings.DATA_DIR) / "strategies" / "region-skane.yaml").read_text())["checked_on"]
    assert record.checked_on == file_date

    data = _copy(tmp_path)
    document = _edit(
        data / "strategies" / "region-skane.yaml",
        lambda document: document["process"]["phases"][0].update(checked_on=datetime.date(2026, 10, 2)),
    )
    audit_rows = AuditEntry.objects.count()
    call_command("seed", "--data-dir", str(data), stdout=StringIO())
    phase = Phase.objects.get(process__region__slug="region-skane", kind=document["process"]["phases"][0]["kind"])
    phase_record = ReferenceRecord.objects.get(target_type="strategies.phase", target_id=str(phase.pk))
    assert phase_record.checked_on == datetime.date(2026, 10, 2)
    assert AuditEntry.objects.count() == audit_rows
    call_command("seed", "--data-dir", str(data), stdout=StringIO())
    assert AuditEntry.objects.count() == audit_rows
