"""The seeded joint space (data/networks/links.yaml), its loader, and the section in the personal-data download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from zeal import zeal_ignore

from krokarm.accounts.personal_data import export
from krokarm.actors.reference_data import ReferenceDataError
from krokarm.audit.models import AuditEntry
from krokarm.networks import actions, reference_data
from krokarm.networks.models import Link
from krokarm.networks.tests.factories import (
    AGENCY_NETWORK,
    LINK,
    RUS_NETWORK,
    link,
    make_meeting,
    make_post,
    member,
    network_coordinator,
)

pytestmark = pytest.mark.django_db

NETWORKS = {AGENCY_NETWORK, RUS_NETWORK, "analysnatverket"}


def test_the_seed_links_the_agency_network_and_the_rus_network_with_an_audit_row() -> None:
    joint = link()
    assert joint.name == "Myndighetsnätverket och RUS-nätverket"
    assert set(joint.networks.values_list("slug", flat=True)) == {AGENCY_NETWORK, RUS_NETWORK}
    row = AuditEntry.objects.get(action="link.created", target_id=str(joint.pk))
    assert row.source == "seed" and row.changes["networks"] == [[], sorted([AGENCY_NETWORK, RUS_NETWORK])]


def test_seeding_again_leaves_the_coordinators_changes_alone() -> None:
    joint = link()
    with zeal_ignore():
        joint.networks.remove(joint.networks.get(slug=AGENCY_NETWORK))
        before = AuditEntry.objects.count()
        call_command("seed", verbosity=0)
        assert AuditEntry.objects.filter(action__startswith="link.").count() == 1
        assert AuditEntry.objects.count() == before
    assert list(link().networks.values_list("slug", flat=True)) == [RUS_NETWORK]


def test_the_loader_reads_the_file_and_checks_the_networks(tmp_path: Path) -> None:
    rows = reference_data.load(settings.DATA_DIR / "networks" / "links.yaml", NETWORKS)
    assert [row.slug for row in rows] == [LINK]
    bad = tmp_path / "links.yaml"
    bad.write_text("links:\n  - {slug: x, name: X, networks: [rus-natverket, rymdnatverket]}\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="rymdnatverket"):
        reference_data.load(bad, NETWORKS)
    bad.write_text("links:\n  - {slug: x, name: X, networks: [rus-natverket]}\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="at least two"):
        reference_data.load(bad, NETWORKS)
    assert reference_data.load(tmp_path / "missing.yaml", NETWORKS) == []


def test_applying_new_links_creates_them_once() -> None:
    row = reference_data.LinkRow(
        slug="ny", name="Ny samverkan", description="", networks=(RUS_NETWORK, "analysnatverket")
    )
    rows = [*reference_data.load(settings.DATA_DIR / "networks" / "links.yaml", NETWORKS), row]
    with zeal_ignore():
        assert actions.apply_link_data(rows).created == 1
        again = actions.apply_link_data(rows)
    assert (again.created, again.updated, again.deleted, again.conflicts) == (0, 0, 0, [])
    assert Link.objects.get(slug="ny").networks.count() == 2 and link().networks.count() == 2


def test_the_download_holds_the_users_posts_and_meetings() -> None:
    author, coordinator = member(), network_coordinator()
    make_post(user=author, title="Mitt inlägg")
    make_post(network=None, in_link=link(), user=author, title="Min tråd")
    make_meeting(user=coordinator, title="Mitt möte")
    with zeal_ignore():
        mine: dict[str, Any] = export(author)["natverk"]
        theirs: dict[str, Any] = export(coordinator)["natverk"]
    assert [p["title"] for p in mine["posts"]] == ["Mitt inlägg", "Min tråd"]
    assert mine["posts"][0]["written_for"] == "Region Östergötland" and mine["meetings"] == []
    assert mine["posts"][1]["space"] == "Myndighetsnätverket och RUS-nätverket"
    assert [m["title"] for m in theirs["meetings"]] == ["Mitt möte"] and theirs["posts"] == []


def test_a_member_a_coordinator_added_on_the_site_stays_when_the_reference_data_is_seeded_again() -> None:
    from krokarm.actors.models import Actor, Membership

    network = Actor.objects.get(slug=AGENCY_NETWORK)
    newcomer = Actor.objects.get(slug="region-gotland")
    with zeal_ignore():
        actions.add_member(network, newcomer, user=network_coordinator())
        call_command("seed", verbosity=0)
    membership = Membership.objects.get(network=network, member=newcomer)
    assert not membership.from_reference_data
    assert not AuditEntry.objects.filter(action="membership.deleted", source="seed").exists()
