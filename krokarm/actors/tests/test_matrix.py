"""The rules of the responsibility matrix, without a database."""

from krokarm.actors.matrix import Entry, build

GROUPS = {"region": ("Regionerna (21)", "/aktorer/?kind=region")}


def entry(topic, actor, role, kind="agency"):
    return Entry(topic, actor, actor.upper(), f"/aktorer/{actor}/", kind, role)


def test_a_topic_that_nobody_leads_is_a_gap():
    matrix = build(["validering"], [entry("validering", "myh", "bidrar")], GROUPS)
    assert matrix.rows[0].status == "gap"
    assert [row.topic for row in matrix.gaps] == ["validering"]


def test_a_topic_that_two_actors_lead_is_an_overlap():
    entries = [entry("validering", "myh", "leder"), entry("validering", "kommun", "leder")]
    matrix = build(["validering"], entries, GROUPS)
    assert matrix.rows[0].status == "overlap"
    assert {c.key for c in matrix.rows[0].leads} == {"myh", "kommun"}


def test_a_topic_with_one_lead_is_clear():
    matrix = build(["yrkeshogskola"], [entry("yrkeshogskola", "myh", "leder")], GROUPS)
    assert matrix.rows[0].status == "clear"
    assert matrix.gaps == [] and matrix.overlaps == []


def test_regions_are_one_column_so_21_regions_leading_is_not_an_overlap():
    entries = [entry("regional-kompetensplanering", f"region-{n}", "leder", kind="region") for n in range(21)]
    matrix = build(["regional-kompetensplanering"], entries, GROUPS)
    assert [c.label for c in matrix.columns] == ["Regionerna (21)"]
    assert matrix.rows[0].status == "clear"


def test_cells_list_roles_in_a_fixed_order_and_rows_follow_the_topic_order():
    entries = [entry("b", "x", "informerar"), entry("b", "x", "leder"), entry("a", "x", "bidrar")]
    matrix = build(["b", "a"], entries, GROUPS)
    assert [row.topic for row in matrix.rows] == ["b", "a"]
    assert matrix.rows[0].cells == [("leder", "informerar")]
    assert matrix.rows[1].cells == [("bidrar",)]


def test_columns_that_lead_most_come_first():
    entries = [entry("a", "few", "bidrar"), entry("a", "many", "leder"), entry("b", "many", "leder")]
    matrix = build(["a", "b"], entries, GROUPS)
    assert [c.key for c in matrix.columns] == ["many", "few"]


def test_responsibilities_outside_the_topics_are_left_out():
    matrix = build(["a"], [entry("a", "x", "leder"), entry("other", "y", "leder")], GROUPS)
    assert [c.key for c in matrix.columns] == ["x"]
