"""`krokarm seed`: loads everything, changes nothing when run again, applies edits exactly."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from krokarm.actors.models import Actor, Membership, Responsibility
from krokarm.audit.models import AuditEntry
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def test_the_seeded_directory_has_every_region_county_and_municipality():
    assert County.objects.count() == 21
    assert Actor.objects.filter(kind="region").count() == 21
    assert Actor.objects.filter(kind="county_board").count() == 21
    assert Actor.objects.filter(kind="municipality").count() == 290
    assert Actor.objects.filter(kind="agency").count() >= 30
    assert not Actor.objects.filter(kind="agency", responsibilities=None).exists()


def test_every_region_and_municipality_sits_in_its_county():
    assert not Actor.objects.filter(kind__in=["region", "municipality", "county_board"], county=None).exists()
    assert Actor.objects.get(kind="municipality", code="0180").county.code == "01"
    assert Actor.objects.get(slug="region-skane").county.name == "Skåne län"


def test_running_the_seed_again_changes_nothing():
    before = AuditEntry.objects.count()
    output = seed()
    assert "0 created, 0 updated, 0 deleted" in output
    assert AuditEntry.objects.count() == before


def test_the_seed_reports_its_progress():
    output = seed()
    assert "actors: 50/" in output
    assert "counties: 21/21" in output


def test_an_edited_file_updates_only_its_rows_and_audits_the_change(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    path = data / "counties.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",Karlskrona,", ",Ronneby,"), encoding="utf-8")
    output = seed("--data-dir", str(data))
    assert "0 created, 1 updated, 0 deleted" in output
    assert County.objects.get(code="10").seat == "Ronneby"
    entry = AuditEntry.objects.get(action="county.updated", target_id=str(County.objects.get(code="10").pk))
    assert entry.changes == {"seat": ["Karlskrona", "Ronneby"]}
    assert entry.source == "seed"


def test_members_removed_from_a_network_file_leave_the_network_with_an_audit_row(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    path = data / "actors" / "networks.yaml"
    text = path.read_text(encoding="utf-8")
    rus = text.index("slug: rus-natverket")
    end = text.index("members_all_of_kind: [region]", rus)
    path.write_text(
        text[:end] + "members_all_of_kind: []" + text[end + len("members_all_of_kind: [region]") :], encoding="utf-8"
    )
    seed("--data-dir", str(data))
    assert not Membership.objects.filter(network__slug="rus-natverket", member__kind="region").exists()
    assert (
        Membership.objects.filter(network__slug="forum-for-hallbar-regional-utveckling", member__kind="region").count()
        == 21
    )
    assert AuditEntry.objects.filter(action="membership.deleted", source="seed").count() == 21


def test_a_broken_file_stops_the_seed_with_a_clear_message_and_changes_nothing(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    (data / "actors" / "networks.yaml").write_text("kind: nonsense\n", encoding="utf-8")
    before = Responsibility.objects.count()
    with pytest.raises(CommandError, match=r"networks\.yaml: kind must be one of"):
        seed("--data-dir", str(data))
    assert Responsibility.objects.count() == before


def test_demo_flag_creates_one_account_per_role_once(settings):
    settings.DEBUG = True
    output = seed("--demo")
    for username in ("demo", "demo-myndighet", "demo-region", "demo-natverk"):
        assert f"Demo account '{username}'" in output
    assert "Demo account" not in seed("--demo")


def test_demo_accounts_are_never_created_in_production_settings(settings):
    from krokarm.accounts.models import User

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created with DEBUG=1"):
        seed("--demo")
    assert not User.objects.filter(username__startswith="demo").exists()


def test_each_demo_account_can_do_what_its_role_promises(settings):
    from zeal import zeal_ignore

    from krokarm.accounts import permissions
    from krokarm.accounts.models import User

    settings.DEBUG = True
    seed("--demo")
    users = {user.username: user for user in User.objects.filter(username__startswith="demo")}
    af = Actor.objects.get(slug="arbetsformedlingen")
    ostergotland = Actor.objects.get(slug="region-ostergotland")

    with zeal_ignore():  # asking about four users reads each one's affiliations: not an N+1 in the code
        assert users["demo"].is_superuser and users["demo"].check_password("demo")
        assert permissions.actor_ids(users["demo"]) == {af.pk}  # handles Arbetsförmedlingen's cases
        officer = users["demo-myndighet"]
        assert permissions.can_edit_actor(officer, af) and not permissions.can_edit_actor(officer, ostergotland)
        assert not permissions.is_coordinator(officer)
        region = users["demo-region"]
        assert permissions.can_manage_members(region, ostergotland) and not permissions.can_manage_members(region, af)
        assert permissions.is_coordinator(users["demo-natverk"]) and not users["demo-natverk"].is_staff
