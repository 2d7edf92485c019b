"""'Vem ansvarar för vad?': the matrix page and its text alternative."""

import pytest
from django.urls import reverse

from krokarm.actors.models import Theme

pytestmark = pytest.mark.django_db
URL = reverse("actors:matrix")


def test_the_matrix_shows_every_skills_supply_topic_with_its_leads(client):
    response = client.get(URL)
    assert response.status_code == 200
    matrix = response.context["matrix"]
    topics = set(Theme.objects.filter(parent__slug="kompetensforsorjning").values_list("slug", flat=True))
    assert {row.topic for row in matrix.rows} == topics
    rows = {row.topic: row for row in matrix.rows}
    assert [c.key for c in rows["yrkeshogskola"].leads] == ["myh"]
    assert "csn" in [c.key for c in rows["studiefinansiering"].leads]
    for topic in Theme.objects.filter(parent__slug="kompetensforsorjning"):
        assert topic.name in response.text


def test_the_matrix_marks_gaps_and_overlaps_in_words(client):
    response = client.get(URL)
    matrix = response.context["matrix"]
    for row in matrix.rows:
        if row.status == "overlap":
            assert "Flera leder" in response.text
        if row.status == "gap":
            assert "Lucka" in response.text


def test_the_text_alternative_names_the_leads_of_each_topic(client):
    response = client.get(URL)
    assert 'id="as-text"' in response.text
    row = next(r for r in response.context["matrix"].rows if r.leads)
    assert "<dt>Leder</dt>" in response.text
    assert row.leads[0].label in response.text


def test_the_text_alternative_gives_every_topic_its_status_for_the_phone_view(client):
    # On a phone the grid is hidden and the text is the overview: each topic says whether one, several or no
    # organisation leads it.
    response = client.get(URL)
    statuses = [row.status for row in response.context["matrix"].rows]
    assert "clear" in statuses
    text = response.text[response.text.index('id="as-text"') :]
    assert text.count('<p class="status-clear">En aktör leder det här ämnet.</p>') == statuses.count("clear")
    assert text.count('<p class="status-overlap">') == statuses.count("overlap")
    assert text.count('<p class="status-gap">') == statuses.count("gap")
    assert 'class="table-scroll wide-only"' in response.text


def test_a_short_name_is_expanded_in_the_grid_and_written_out_in_the_text(client):
    html = client.get(URL).text
    assert '<abbr title="Myndigheten för yrkeshögskolan">MYH</abbr>' in html
    assert "Myndigheten för yrkeshögskolan (MYH)</a>" in html


def test_regions_and_municipalities_show_as_one_column_each(client):
    labels = [c.label for c in client.get(URL).context["matrix"].columns]
    assert "Regionerna (21)" in labels
    assert "Kommunerna (290)" in labels
    assert not any(label.startswith("Region ") for label in labels)


def test_another_strategic_area_can_be_chosen(client):
    response = client.get(URL, {"omrade": "tillganglighet"})
    assert response.context["area"].slug == "tillganglighet"


def test_an_unknown_area_explains_itself_and_falls_back_to_skills_supply(client):
    response = client.get(URL, {"omrade": "mars"})
    assert response.status_code == 200
    assert "Det området finns inte." in response.text
    assert response.context["area"].slug == "kompetensforsorjning"


def test_the_matrix_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # Data version, areas, topics, group counts, and the responsibilities in two reads.
    for area in ["kompetensforsorjning", "tillganglighet"]:
        with django_assert_num_queries(6):
            client.get(URL, {"omrade": area})
    with django_assert_num_queries(4):
        client.get(reverse("actors:collaboration"))


def test_the_collaboration_diagram_has_a_text_alternative_with_every_network(client):
    response = client.get(reverse("actors:collaboration"))
    assert response.status_code == 200
    assert "<svg" in response.text and 'role="img"' in response.text
    for network in ["RUS", "nalys"]:
        assert network in response.text
    assert len(response.context["diagram"].edges) > 10
    assert 'id="as-text"' in response.text
