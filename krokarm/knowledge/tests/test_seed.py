"""`krokarm seed` and the knowledge bank: the files in data/knowledge are reference data, what the organisations
do on the site is theirs. A re-seed keeps every change an owner made, never touches the items and reuses people
made, and retires (rather than deletes) a dropped item that people's comments, follows, requests or reuses point
at — so nothing is lost and nothing is left pointing at nothing."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from zeal import zeal_ignore

from krokarm.actors import reference_data as actor_data
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.audit.reference import SyncSummary
from krokarm.challenges.models import Challenge
from krokarm.comments.actions import post_comment
from krokarm.knowledge import actions
from krokarm.knowledge import reference_data as knowledge_data
from krokarm.knowledge.models import Item, Reuse
from krokarm.knowledge.tests.factories import ask, editor, make_item, member, reuse, url
from krokarm.notifications.actions import follow

pytestmark = pytest.mark.django_db

SCB_ITEM = "scb-trender-och-prognoser"  # in data/knowledge/scb.yaml, reused by Region Stockholm


def file_rows() -> list[knowledge_data.ItemRow]:
    with zeal_ignore():
        dataset = actor_data.load(settings.DATA_DIR)
        challenges = Challenge.objects.values_list("slug", flat=True)
        known = knowledge_data.Known.from_dataset(dataset, list(challenges))
    return knowledge_data.load(settings.DATA_DIR / "knowledge", known)


def without(slug: str) -> list[knowledge_data.ItemRow]:
    return [row for row in file_rows() if row.slug != slug]


def seed(rows: list[knowledge_data.ItemRow], **options: Any) -> SyncSummary:
    return actions.apply_knowledge_data(rows, **options)


def seeded(slug: str = SCB_ITEM) -> Item:
    with zeal_ignore():
        return Item.all_objects.select_related("owner").get(slug=slug)


def change(item: Item, *, user: Any = None, **values: Any) -> None:
    """What an owner's editor does in the item's form: change some fields, keep the rest."""
    current = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "themes": list(item.themes.all()),
        "regions": list(item.regions.all()),
        "challenges": list(item.challenges.all()),
        "link": item.link,
        "access": item.access,
        "published_on": item.published_on,
    }
    with zeal_ignore():
        actions.update_item(item, user=user or editor(item.owner.slug), **{**current, **values})


def test_every_seeded_item_and_reuse_knows_its_file_and_key() -> None:
    record = ReferenceRecord.objects.get(target_type="knowledge.item", target_id=str(seeded().pk))
    assert (record.file, record.key) == ("knowledge/scb.yaml", SCB_ITEM)
    found = Reuse.objects.get(item__slug=SCB_ITEM, actor__slug="region-stockholm")
    record = ReferenceRecord.objects.get(target_type="knowledge.reuse", target_id=str(found.pk))
    assert (record.file, record.key) == ("knowledge/scb.yaml", f"{SCB_ITEM} / återanvänd av / region-stockholm")


def test_reseeding_keeps_a_title_the_owner_changed_and_reports_the_conflict() -> None:
    item = seeded()
    file_title = item.title
    change(item, title="Trender och prognoser 2035")
    summary = seed(file_rows())
    assert seeded().title == "Trender och prognoser 2035"  # the owner's title was kept
    [conflict] = summary.conflicts
    assert (conflict.file, conflict.key, conflict.field) == ("knowledge/scb.yaml", SCB_ITEM, "title")
    assert (conflict.file_value, conflict.site_value, conflict.taken) == (
        file_title,
        "Trender och prognoser 2035",
        "site",
    )
    assert "kept the site's value" in str(conflict)
    assert (summary.created, summary.updated, summary.deleted) == (0, 0, 0)


def test_a_reseed_takes_the_other_fields_from_the_file_and_keeps_the_owners_change() -> None:
    item = seeded()
    change(item, title="Trender och prognoser 2035")
    rows = [dataclasses.replace(r, summary="Ny sammanfattning.") if r.slug == SCB_ITEM else r for r in file_rows()]
    summary = seed(rows)
    item = seeded()
    assert (item.title, item.summary) == ("Trender och prognoser 2035", "Ny sammanfattning.")  # both kept
    assert summary.updated == 1 and [c.field for c in summary.conflicts] == ["title"]


def test_take_file_takes_the_files_value_and_says_so() -> None:
    item = seeded()
    file_title = item.title
    change(item, title="Trender och prognoser 2035")
    summary = seed(file_rows(), take_file=True)
    assert seeded().title == file_title
    assert [(c.field, c.taken) for c in summary.conflicts] == [("title", "file")]
    assert AuditEntry.objects.filter(target_type="knowledge.item", action="item.updated", source="seed").exists()


def test_an_item_shared_on_the_site_survives_a_reseed_untouched() -> None:
    own = make_item(title="Vår egen analys")
    version = own.version
    audited = AuditEntry.objects.count()
    summary = seed(file_rows())
    own.refresh_from_db()
    assert (own.title, own.version, own.retired_at) == ("Vår egen analys", version, None)
    assert summary.conflicts == [] and AuditEntry.objects.count() == audited


def test_a_site_item_with_a_slug_the_file_takes_up_is_left_alone_and_reported() -> None:
    own = make_item(title="Ny kunskap från filen")  # slug "ny-kunskap-fran-filen", made on the site first
    template = next(r for r in file_rows() if r.slug == SCB_ITEM)
    newcomer = dataclasses.replace(template, slug=own.slug, title="Filens rubrik", reuses=())
    summary = seed([*file_rows(), newcomer])
    own.refresh_from_db()
    assert own.title == "Ny kunskap från filen" and own.owner.slug == "arbetsformedlingen"  # the site's row
    assert [(c.key, c.kind) for c in summary.conflicts] == [(own.slug, "site_row")]
    assert summary.created == 0


def test_a_reuse_people_told_of_is_kept_when_the_file_tells_the_same() -> None:
    item = seeded("scb-arbetskraftsbarometern")
    told = reuse(item, "csn")
    rows = file_rows()
    extra = knowledge_data.ReuseRow("csn", "Filens text om CSN.", None, "https://example.se")
    rows = [dataclasses.replace(r, reuses=(*r.reuses, extra)) if r.slug == item.slug else r for r in rows]
    summary = seed(rows)
    told.refresh_from_db()
    assert told.text == "Vi använde den i vår planering."  # the organisation's own words
    assert [c.kind for c in summary.conflicts] == ["site_row"]


def test_an_item_dropped_from_the_files_is_deleted_with_its_reuses_when_nobody_points_at_it() -> None:
    item = seeded()
    seeded_reuse = Reuse.objects.get(item=item)
    summary = seed(without(SCB_ITEM))
    assert not Item.all_objects.filter(pk=item.pk).exists()
    assert summary.deleted == 2 and summary.conflicts == []  # the item and its seeded reuse, each audited
    assert AuditEntry.objects.filter(action="item.deleted", target_id=str(item.pk), source="seed").exists()
    assert AuditEntry.objects.filter(action="reuse.deleted", target_id=str(seeded_reuse.pk), source="seed").exists()
    assert not ReferenceRecord.objects.filter(target_type="knowledge.item", target_id=str(item.pk)).exists()


@pytest.mark.parametrize("pointer", ["comment", "follow", "request", "reuse"])
def test_an_item_dropped_from_the_files_is_retired_when_people_point_at_it(client: Any, pointer: str) -> None:
    item = seeded()
    person = member()
    with zeal_ignore():
        if pointer == "comment":
            post_comment(item, user=person, text="Den här använder vi i vår analys.")
        elif pointer == "follow":
            follow(person, item)
        elif pointer == "request":
            item.access = Item.Access.ON_REQUEST  # as if the file had shared it on request
            item.save(update_fields=["access"])
            ask(item, person)
        else:
            reuse(item, "csn", person)
    summary = seed(without(SCB_ITEM))
    item = seeded()
    assert item.retired_at is not None  # kept, with what points at it
    [conflict] = summary.conflicts
    assert (conflict.file, conflict.key, conflict.kind) == ("knowledge/scb.yaml", SCB_ITEM, "removed")
    assert summary.retired == 1
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and "Gäller inte längre" in page.text
    assert item.title not in client.get(url("list")).text
    assert not Item.objects.filter(pk=item.pk).exists()  # the default manager: lists, exports, API


def test_a_retired_item_comes_back_when_the_files_list_it_again() -> None:
    item = seeded()
    with zeal_ignore():
        follow(member(), item)
    seed(without(SCB_ITEM))
    assert seeded().retired_at is not None
    summary = seed(file_rows())
    assert seeded().retired_at is None and seeded().pk == item.pk
    assert summary.conflicts == []


def test_an_item_its_owner_removed_stays_removed_after_a_reseed() -> None:
    item = seeded()
    with zeal_ignore():
        outcome = actions.delete_item(item, user=editor("scb"))
    assert outcome == "retired"  # a reference item is retired, so that the seed cannot bring it back
    summary = seed(file_rows())
    assert seeded().retired_at is not None
    assert Item.all_objects.filter(slug=SCB_ITEM).count() == 1
    assert summary.created == 0 and summary.conflicts == []


def test_a_second_seed_after_web_edits_writes_nothing() -> None:
    change(seeded(), title="Trender och prognoser 2035")
    seed(file_rows())
    audited = AuditEntry.objects.count()
    summary = seed(file_rows())
    assert (summary.created, summary.updated, summary.deleted, summary.retired) == (0, 0, 0, 0)
    assert AuditEntry.objects.count() == audited


def test_the_seed_command_prints_the_knowledge_conflicts() -> None:
    change(seeded(), title="Trender och prognoser 2035")
    out = io.StringIO()
    with zeal_ignore():  # the whole seed reads each strategy's and challenge's rows in turn, by design
        call_command("seed", verbosity=0, stdout=out)
    text = out.getvalue()
    assert "Knowledge bank: 0 created, 0 updated, 0 deleted, 1 conflicts (site values kept)" in text
    assert f"conflict: knowledge/scb.yaml [{SCB_ITEM}] title: file 'Trender och prognoser" in text
    assert "site 'Trender och prognoser 2035' — kept the site's value" in text
