"""Each process's index follows the database: changes, deletions, rollbacks, reindexing."""

from __future__ import annotations

import pytest
from django.db import transaction
from zeal import zeal_ignore

from krokarm.needs import actions as need_actions
from krokarm.needs.models import Need
from krokarm.needs.tests.factories import make_need
from krokarm.search import queries
from krokarm.search.actions import reindex
from krokarm.search.models import Change, Entry

pytestmark = pytest.mark.django_db


def found(text: str, kind: str = "behov") -> list[str]:
    results, _terms = queries.run(text, kind=kind)
    return [hit.key for hit in results.hits]


def test_an_edit_is_found_by_its_new_words_and_not_its_old() -> None:
    need = make_need(title="Fler svetsare")
    assert found("svetsare") == [str(need.pk)]
    with zeal_ignore():
        need_actions.update_need(
            need,
            user=None,
            title="Fler lärare",
            description=need.description,
            themes=list(need.themes.all()),
            needed_by=need.needed_by,
            invited=list(need.invited.all()),
        )
    assert found("svetsare") == [] and found("lärare") == [str(need.pk)]


def test_a_deleted_object_is_no_longer_found() -> None:
    need = make_need(title="Fler svetsare")
    assert found("svetsare") == [str(need.pk)]
    Need.objects.filter(pk=need.pk).delete()
    assert found("svetsare") == []
    assert not Entry.objects.filter(kind="behov", key=str(need.pk)).exists()


def test_a_rolled_back_change_is_forgotten_by_an_index_that_saw_it() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        make_need(title="Fler svetsare")
        assert found("svetsare")  # this process saw the uncommitted entry
        raise RuntimeError
    make_need(title="Fler lärare")  # the change log reuses the rolled-back numbers
    assert found("svetsare") == []
    assert len(found("lärare")) == 1


def test_reindex_rebuilds_entries_from_the_objects() -> None:
    need = make_need(title="Fler svetsare")
    Entry.objects.filter(kind="behov").delete()
    summary = reindex(["behov"])
    assert summary.entries == Need.objects.count()
    assert Entry.objects.filter(kind="behov", key=str(need.pk)).exists()
    assert found("svetsare") == [str(need.pk)]
    assert Change.objects.count() == 1  # older changes are dropped: every process rebuilds


def test_another_process_catches_up_with_changes_it_did_not_make() -> None:
    queries.get_index()
    need = make_need(title="Fler svetsare")
    queries.forget()  # as if this were a process that started before the change
    assert found("svetsare") == [str(need.pk)]
    later = make_need(title="Svetsare i Skåne", region="region-skane")
    assert sorted(found("svetsare")) == sorted([str(need.pk), str(later.pk)])


def test_results_do_not_depend_on_the_order_entries_were_stored_in() -> None:
    # What makes PostgreSQL and SQLite agree: neither storage order nor ids decide the ranking.
    questions = ["kompetensförsörjning", "validering yrkeshögskola", "regional utvecklingsstrategi", "kommun"]

    def ranked() -> list[list[tuple[str, str]]]:
        queries.forget()
        lists = []
        for text in questions:
            results, _terms = queries.run(text, per_kind=5)
            lists.append([(hit.kind, hit.key) for hit in results.hits])
            for kind in results.by_kind:
                page, _terms = queries.run(text, kind=kind, limit=30)
                lists.append([(hit.kind, hit.key) for hit in page.hits])
        return lists

    before = ranked()
    entries = list(Entry.objects.order_by("-pk"))
    Entry.objects.all().delete()
    for entry in entries:
        entry.pk = None
    Entry.objects.bulk_create(entries)  # the same entries, stored in the opposite order with new ids
    assert ranked() == before
    assert any(len(found) > 5 for found in before)


def test_a_new_word_nobody_has_written_before_is_found_by_its_first_part_and_its_compound_parts() -> None:
    hydrogen = make_need(title="Kompetens till vätgasprojekten")
    steel = make_need(title="Fler svetsare till Hybritverket")
    assert found("vätgas") == [str(hydrogen.pk)]
    assert found("hybrit") == [str(steel.pk)]
    assert found("verket") == [str(steel.pk)]
    assert found("Hybritverket") == [str(steel.pk)]  # the whole word, as before
    assert found("vätgasprojekt") == [str(hydrogen.pk)]


def test_a_word_found_by_its_pieces_is_found_after_an_edit_too_and_not_after_it_is_gone() -> None:
    need = make_need(title="Fler lärare")
    assert found("hybrit") == []
    with zeal_ignore():
        need_actions.update_need(
            need,
            user=None,
            title="Fler lärare till Hybritskolan",
            description=need.description,
            themes=list(need.themes.all()),
            needed_by=need.needed_by,
            invited=list(need.invited.all()),
        )
    assert found("hybrit") == [str(need.pk)]
    Need.objects.filter(pk=need.pk).delete()
    assert found("hybrit") == []


def test_on_a_large_vocabulary_a_new_word_is_found_by_its_pieces_before_the_vocabulary_is_rebuilt(monkeypatch) -> None:
    make_need(title="Fler lärare")
    found("lärare")  # this process's index is built
    monkeypatch.setattr(queries, "SMALL_VOCABULARY", 0)  # as with 50,000 words: new words wait for more
    need = make_need(title="Fler svetsare till Hybritverket")
    assert found("hybrit") == [str(need.pk)]
