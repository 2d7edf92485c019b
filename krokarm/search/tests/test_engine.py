"""The in-memory index on its own: ranking, alternatives per word, filters, counts per kind, changes."""

from __future__ import annotations

from krokarm.lib.swedish import Term
from krokarm.search.engine import Doc, SearchIndex


def doc(key: str, kind: str = "behov", title: str = "", region: str = "", themes: tuple[str, ...] = ()) -> Doc:
    return Doc(
        entry_id=hash(key) % 10_000, kind=kind, key=key, title=title or key, region=region, themes=frozenset(themes)
    )


def term(key: str, group: int = 0, weight: float = 1.0) -> Term:
    return Term(key=key, weight=weight, source=key, how="word", group=group)


def index(*rows: tuple[Doc, dict[str, float]]) -> SearchIndex:
    return SearchIndex(rows)


def test_a_document_with_more_of_a_rare_word_ranks_first() -> None:
    idx = index(
        (doc("a"), {"svets": 1.0, "kurs": 1.0}),
        (doc("b"), {"svets": 3.0}),
        (doc("c"), {"kurs": 1.0}),
    )
    hits = idx.search([term("svets")], kind="behov").hits
    assert [h.key for h in hits] == ["b", "a"]


def test_a_document_covering_every_word_of_the_query_beats_one_covering_part() -> None:
    idx = index(
        (doc("both"), {"svets": 1.0, "kurs": 1.0}),
        (doc("one"), {"svets": 4.0}),
        *[(doc(f"filler{i}"), {"annat": 1.0}) for i in range(20)],
    )
    hits = idx.search([term("svets", 0), term("kurs", 1)], kind="behov").hits
    assert [h.key for h in hits][:2] == ["both", "one"]


def test_alternatives_for_one_word_count_once_the_best_of_them() -> None:
    # "valdiering" corrected to "validering" and a synonym: one word of the query, so one contribution.
    idx = index((doc("x"), {"valider": 1.0, "erkann": 1.0}), (doc("y"), {"valider": 1.0}), (doc("z"), {"annat": 1.0}))
    both = {h.key: h.score for h in idx.search([term("valider", 0), term("erkann", 0, 0.7)]).hits}
    alone = [{h.key: h.score for h in idx.search([t]).hits} for t in (term("valider"), term("erkann", 0, 0.7))]
    assert both["x"] < alone[0]["x"] + alone[1]["x"]  # not summed
    assert both["x"] <= max(alone[0]["x"], alone[1]["x"])  # the best one, no more


def test_a_match_on_a_weaker_alternative_covers_less_of_the_query() -> None:
    # The same document frequency for both keys: only the weight of the alternative differs.
    idx = index((doc("exact"), {"svets": 1.0}), (doc("typo"), {"svet": 1.0}), (doc("z"), {"annat": 1.0}))
    results = idx.search([term("svets", 0), term("svet", 0, 0.8)])
    scores = {h.key: h.score for h in results.hits}
    assert scores["typo"] < scores["exact"]


def test_counts_per_kind_ignore_the_kind_filter_and_hits_respect_it() -> None:
    idx = index(
        (doc("n1", "behov"), {"kurs": 1.0}),
        (doc("n2", "behov"), {"kurs": 1.0}),
        (doc("a1", "aktor"), {"kurs": 1.0}),
        (doc("x", "aktor"), {"annat": 1.0}),
    )
    results = idx.search([term("kurs")], kind="aktor")
    assert results.by_kind == {"behov": 2, "aktor": 1}
    assert [h.key for h in results.hits] == ["a1"]


def test_without_a_kind_each_kind_shows_its_best_few() -> None:
    idx = index(*[(doc(f"n{i}", "behov"), {"kurs": 1.0 + i}) for i in range(5)], (doc("a", "aktor"), {"kurs": 1.0}))
    results = idx.search([term("kurs")], per_kind=2)
    assert sorted(h.key for h in results.hits) == ["a", "n3", "n4"]


def test_region_and_theme_filters_keep_only_matching_documents() -> None:
    idx = index(
        (doc("s", region="12", themes=("kompetensforsorjning",)), {"kurs": 1.0}),
        (doc("n", region="25", themes=("kompetensforsorjning",)), {"kurs": 1.0}),
        (doc("t", region="12", themes=("tillganglighet",)), {"kurs": 1.0}),
    )
    assert [h.key for h in idx.search([term("kurs")], kind="behov", region="12").hits] == ["s", "t"]
    assert [h.key for h in idx.search([term("kurs")], kind="behov", theme="tillganglighet").hits] == ["t"]


def test_equal_scores_are_ordered_by_title_whatever_the_insertion_order() -> None:
    rows = [(doc(k, title=t), {"kurs": 1.0}) for k, t in [("1", "Östra"), ("2", "Abisko"), ("3", "Malmö")]]
    forward = [h.title for h in index(*rows).search([term("kurs")], kind="behov").hits]
    backward = [h.title for h in index(*reversed(rows)).search([term("kurs")], kind="behov").hits]
    assert forward == backward == ["Abisko", "Malmö", "Östra"]


def test_a_replaced_document_is_found_by_its_new_words_only() -> None:
    idx = index((doc("a"), {"gammal": 1.0}), (doc("b"), {"annat": 1.0}))
    idx.add(doc("a"), {"ny": 1.0})
    idx.freeze()
    assert idx.search([term("gammal")]).hits == ()
    assert [h.key for h in idx.search([term("ny")]).hits] == ["a"]
    assert len(idx) == 2 and idx.dead == 1


def test_a_removed_document_is_gone_and_compaction_keeps_the_rest() -> None:
    idx = index((doc("a"), {"kurs": 1.0}), (doc("b"), {"kurs": 2.0}), (doc("c"), {"kurs": 1.5}))
    idx.remove("behov", "b")
    before = [(h.key, h.score) for h in idx.search([term("kurs")], kind="behov").hits]
    compacted = idx.compacted()
    after = [(h.key, h.score) for h in compacted.search([term("kurs")], kind="behov").hits]
    assert [key for key, _ in before] == ["c", "a"]
    assert after == before and compacted.dead == 0


def test_pages_of_one_kind_follow_each_other_without_overlap() -> None:
    idx = index(*[(doc(f"n{i:02}"), {"kurs": 1.0 + i / 100}) for i in range(25)])
    first = idx.search([term("kurs")], kind="behov", offset=0, limit=10).hits
    second = idx.search([term("kurs")], kind="behov", offset=10, limit=10).hits
    third = idx.search([term("kurs")], kind="behov", offset=20, limit=10).hits
    keys = [h.key for h in (*first, *second, *third)]
    assert len(keys) == 25 == len(set(keys))
    assert keys[0] == "n24"


def test_words_the_index_does_not_have_find_nothing() -> None:
    idx = index((doc("a"), {"kurs": 1.0}))
    results = idx.search([term("blomkruk")])
    assert results.hits == () and results.by_kind == {}


def test_a_document_about_several_counties_is_found_under_each() -> None:
    idx = index((doc("both", region="25 24"), {"kurs": 1.0}), (doc("one", region="24"), {"kurs": 1.0}))
    assert [h.key for h in idx.search([term("kurs")], kind="behov", region="25").hits] == ["both"]
    assert sorted(h.key for h in idx.search([term("kurs")], kind="behov", region="24").hits) == ["both", "one"]


def test_a_document_removed_by_another_thread_during_a_search_is_left_out_not_an_error() -> None:
    import numpy as np

    idx = index((doc("a"), {"kurs": 1.0}), (doc("b"), {"kurs": 2.0}))
    candidates, scores = np.array([0, 1]), np.array([1.0, 2.0])  # what the search read before the removal
    idx.remove("behov", "b")
    assert [row[3] for row in idx._best(candidates, scores, 5)] == ["a"]
