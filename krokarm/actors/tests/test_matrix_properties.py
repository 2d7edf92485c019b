"""Properties of the responsibility matrix for any set of responsibilities: gaps, overlaps and the table
shape always agree with the marks in the cells."""

from hypothesis import given, settings
from hypothesis import strategies as st

from krokarm.actors.matrix import GROUPED_KINDS, ROLE_ORDER, Entry, Matrix, Row, build

PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True, database=None)

GROUP_LABELS = {
    "region": ("Regionerna", "/aktorer/?kind=region"),
    "county_board": ("Länsstyrelserna", "/aktorer/?kind=county_board"),
    "municipality": ("Kommunerna", "/aktorer/?kind=municipality"),
}
KINDS = [*GROUPED_KINDS, "agency", "ministry", "network", "organisation"]

topic_names = st.sampled_from(["validering", "vuxenutbildning", "yrkeshogskola", "studiestod", "matchning", "sfi"])
actor_keys = st.sampled_from(
    ["myh", "af", "csn", "skolverket", "uhr", "region-skane", "malmo-kommun", "lst-ab", "reglab"]
)


@st.composite
def entries(draw: st.DrawFn, topics: list[str]) -> Entry:
    key = draw(actor_keys)
    # Mostly the topics shown, sometimes another one, which the matrix must leave out.
    shown = bool(topics) and draw(st.integers(0, 4)) > 0
    topic = draw(st.sampled_from(topics)) if shown else draw(topic_names)
    return Entry(
        topic=topic,
        actor_key=key,
        actor_label=key.upper(),
        actor_url=f"/aktorer/{key}/",
        actor_kind=draw(st.sampled_from(KINDS)),
        role=draw(st.sampled_from(ROLE_ORDER)),
    )


@st.composite
def matrices(draw: st.DrawFn) -> tuple[list[str], list[Entry], Matrix]:
    topics = draw(st.lists(topic_names, unique=True, max_size=5))
    given_entries = draw(st.lists(entries(topics), max_size=25))
    return topics, given_entries, build(topics, given_entries, GROUP_LABELS)


def leading_columns(row: Row) -> int:
    return sum(1 for cell in row.cells if "leder" in cell)


@PROPERTIES
@given(matrices())
def test_a_row_is_a_gap_exactly_when_no_column_leads_it(built):
    _, _, matrix = built
    for row in matrix.rows:
        assert (row.status == "gap") == (leading_columns(row) == 0), row
    assert matrix.gaps == [row for row in matrix.rows if leading_columns(row) == 0]


@PROPERTIES
@given(matrices())
def test_a_row_is_an_overlap_exactly_when_more_than_one_column_leads_it(built):
    _, _, matrix = built
    for row in matrix.rows:
        assert (row.status == "overlap") == (leading_columns(row) > 1), row
        assert len(row.leads) == leading_columns(row)
    assert matrix.overlaps == [row for row in matrix.rows if leading_columns(row) > 1]


@PROPERTIES
@given(matrices())
def test_every_row_has_one_cell_per_column_with_roles_in_the_fixed_order(built):
    topics, _, matrix = built
    assert [row.topic for row in matrix.rows] == topics
    for row in matrix.rows:
        assert len(row.cells) == len(matrix.columns)
        for cell in row.cells:
            assert list(cell) == [role for role in ROLE_ORDER if role in cell]


@PROPERTIES
@given(matrices())
def test_every_column_has_a_mark_in_some_row(built):
    _, _, matrix = built
    keys = [column.key for column in matrix.columns]
    assert len(keys) == len(set(keys))
    for index, key in enumerate(keys):
        assert any(row.cells[index] for row in matrix.rows), key


@PROPERTIES
@given(matrices())
def test_each_mark_comes_from_a_responsibility_on_a_shown_topic(built):
    topics, given_entries, matrix = built
    columns_of = {
        (entry.topic, f"kind:{entry.actor_kind}" if entry.actor_kind in GROUP_LABELS else entry.actor_key, entry.role)
        for entry in given_entries
        if entry.topic in topics
    }
    marks = {
        (row.topic, column.key, role)
        for row in matrix.rows
        for column, cell in zip(matrix.columns, row.cells, strict=True)
        for role in cell
    }
    assert marks == columns_of


@PROPERTIES
@given(matrices())
def test_regions_county_boards_and_municipalities_are_one_column_each(built):
    _, _, matrix = built
    keys = [column.key for column in matrix.columns]
    for kind in GROUPED_KINDS:
        assert keys.count(f"kind:{kind}") <= 1
    assert all(
        column.label == GROUP_LABELS[column.key[5:]][0] for column in matrix.columns if column.key.startswith("kind:")
    )


@PROPERTIES
@given(matrices())
def test_columns_that_lead_more_topics_come_first(built):
    _, _, matrix = built
    leads = [sum(1 for row in matrix.rows if "leder" in row.cells[i]) for i in range(len(matrix.columns))]
    assert leads == sorted(leads, reverse=True)
