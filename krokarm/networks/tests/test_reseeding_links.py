"""Seeding data/networks/links.yaml again keeps what the coordinators did: networks they added or took out of a
joint space stay so (reported as a conflict), spaces made on the site are untouched, and a space the file drops is
deleted only when nobody wrote in it (otherwise retired: its posts stay readable on its page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from zeal import zeal_ignore

from krokarm.audit.actions import save_tracked
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.networks import actions, reference_data
from krokarm.networks.models import Link, Post
from krokarm.networks.reference_data import LinkRow
from krokarm.networks.tests.factories import (
    AGENCY_NETWORK,
    LINK,
    OTHER_NETWORK,
    RUS_NETWORK,
    actor,
    link,
    log_in,
    make_post,
    member,
    network_coordinator,
    url,
)

pytestmark = pytest.mark.django_db
FILE = "networks/links.yaml"
EXTRA = LinkRow(slug="extra", name="Extra samverkan", description="", networks=(RUS_NETWORK, OTHER_NETWORK))


def the_file(*extra: LinkRow) -> list[LinkRow]:
    networks = {AGENCY_NETWORK, RUS_NETWORK, OTHER_NETWORK}
    return [*reference_data.load(settings.DATA_DIR / FILE, networks), *extra]


def seed(*extra: LinkRow, take_file: bool = False) -> Any:
    with zeal_ignore():
        return actions.apply_link_data(the_file(*extra), take_file=take_file)


def networks_of(slug: str) -> list[str]:
    with zeal_ignore():
        return sorted(Link.all_objects.get(slug=slug).networks.values_list("slug", flat=True))


def test_reseeding_keeps_the_networks_the_coordinators_chose_and_reports_the_conflict() -> None:
    with zeal_ignore():
        actions.add_link_network(link(), actor(OTHER_NETWORK), user=network_coordinator(OTHER_NETWORK))
    summary = seed()
    assert networks_of(LINK) == sorted([AGENCY_NETWORK, RUS_NETWORK, OTHER_NETWORK])  # the site's choice kept
    (conflict,) = summary.conflicts
    assert (conflict.file, conflict.key, conflict.field, conflict.taken) == (FILE, LINK, "networks", "site")
    assert conflict.file_value == sorted([AGENCY_NETWORK, RUS_NETWORK])
    assert conflict.site_value == sorted([AGENCY_NETWORK, RUS_NETWORK, OTHER_NETWORK])


def test_reseeding_with_take_file_puts_the_files_networks_back() -> None:
    with zeal_ignore():
        actions.add_link_network(link(), actor(OTHER_NETWORK), user=network_coordinator(OTHER_NETWORK))
    summary = seed(take_file=True)
    assert networks_of(LINK) == sorted([AGENCY_NETWORK, RUS_NETWORK])
    assert [c.taken for c in summary.conflicts] == ["file"]


def test_a_second_seed_changes_nothing_and_writes_no_audit_rows() -> None:
    before = AuditEntry.objects.count()
    summary = seed()
    assert (summary.created, summary.updated, summary.deleted, summary.retired, summary.conflicts) == (0, 0, 0, 0, [])
    assert AuditEntry.objects.count() == before
    assert ReferenceRecord.objects.filter(target_type="networks.link", file=FILE, key=LINK).exists()


def test_a_joint_space_made_on_the_site_is_never_touched_by_the_seed() -> None:
    made = Link()
    with zeal_ignore():
        save_tracked(made, {"slug": "egen", "name": "Vår egen samverkan"}, source="admin", m2m={"networks": set()})
    summary = seed()
    assert Link.objects.get(slug="egen").name == "Vår egen samverkan" and not summary.conflicts


def test_a_joint_space_the_file_drops_is_deleted_when_nobody_wrote_in_it() -> None:
    seed(EXTRA)
    summary = seed()
    assert not Link.all_objects.filter(slug="extra").exists() and summary.deleted == 1 and not summary.conflicts


def test_a_joint_space_the_file_drops_with_posts_is_retired_and_its_posts_stay_readable(client: Any) -> None:
    seed(EXTRA)
    author = member()
    post = make_post(network=None, in_link=Link.objects.get(slug="extra"), user=author, title="Vår tråd")
    summary = seed()
    retired = Link.all_objects.get(slug="extra")
    assert retired.retired_at is not None and summary.retired == 1
    (conflict,) = summary.conflicts
    assert conflict.kind == "removed" and "networks.post" in conflict.site_value
    assert Post.objects.filter(pk=post.pk).exists()  # the post is kept
    log_in(client, author)
    page = client.get(url("link", "extra"))
    assert page.status_code == 200 and "Samverkan gäller inte längre" in page.text and "Vår tråd" in page.text
    assert "Publicera inlägget" not in page.text  # no more posts there
    assert "Extra samverkan" not in client.get(url("list")).text  # the list leaves it out
    refused = client.post(
        url("link-post", "extra"), {"title": "Ny", "body": "Text", "organisation": "region-ostergotland"}
    )
    assert refused.status_code == 409 and Post.objects.filter(link=retired).count() == 1
    log_in(client, network_coordinator())
    assert client.get(url("link-manage", "extra")).status_code == 409


def test_a_retired_joint_space_comes_back_when_the_file_holds_it_again() -> None:
    seed(EXTRA)
    make_post(network=None, in_link=Link.objects.get(slug="extra"), user=member())
    seed()
    seed(EXTRA)
    assert Link.objects.get(slug="extra").retired_at is None
