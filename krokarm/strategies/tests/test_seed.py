"""`krokarm seed` loads the strategies after the actors, idempotently and audited."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from krokarm.audit.models import AuditEntry
from krokarm.strategies.models import EntryPoint, Phase, Process, Strategy

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def test_every_region_has_a_current_strategy_and_a_process():
    assert Strategy.objects.filter(is_current=True).values("region").distinct().count() == 21
    assert Process.objects.values("region").distinct().count() == 21
    assert Phase.objects.get(process__region__slug="region-stockholm", kind="remiss").starts_on.isoformat() == (
        "2024-04-10"
    )
    assert Phase.objects.get(process__region__slug="region-dalarna", kind="beslut").planned


def test_running_the_seed_again_changes_no_strategy():
    assert "Strategies (RUS): 0 created, 0 updated, 0 deleted" in seed()


def test_an_edited_strategy_file_is_applied_with_audit_rows(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    path = data / "strategies" / "region-ostergotland.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      entry_points:")
    path.write_text(text[:start], encoding="utf-8")
    output = seed("--data-dir", str(data))
    assert "Strategies (RUS): 0 created, 0 updated, 1 deleted" in output
    assert not EntryPoint.objects.filter(phase__process__region__slug="region-ostergotland").exists()
    assert AuditEntry.objects.filter(action="entrypoint.deleted", source="seed").count() == 1


def test_a_broken_strategy_file_stops_the_seed_naming_file_and_region(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    (data / "strategies" / "region-skane.yaml").write_text("region: region-mars\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"region-skane\.yaml \(region-mars\)"):
        seed("--data-dir", str(data))
