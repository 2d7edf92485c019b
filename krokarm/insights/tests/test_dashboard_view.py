"""The public dashboard: what people ask about, by topic, county, asker and month; counts only."""

from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from krokarm.actors.models import Theme
from krokarm.insights.forms import add_months
from krokarm.insights.tests.factories import AskedQuestionFactory
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db
URL = reverse("insights:dashboard")
CSV_URL = reverse("insights:dashboard-csv")


def this_month():
    return timezone.localdate().replace(day=1)


def in_month(months_back, day=15):
    month = add_months(this_month(), -months_back)
    return timezone.make_aware(datetime.combine(month.replace(day=day), time(12)))


def counts(rows):
    return {row.label: row.count for row in rows}


@pytest.fixture
def asked():
    counties = County.objects.in_bulk(["25", "12"], field_name="code")
    norrbotten, skane = counties["25"], counties["12"]
    themes = Theme.objects.in_bulk(["yrkeshogskola", "vuxenutbildning"], field_name="slug")
    yh, sfi = themes["yrkeshogskola"], themes["vuxenutbildning"]
    AskedQuestionFactory.create(
        text="Hemlig fråga ett", topic=yh, county=norrbotten, asker="individ", created_at=in_month(0)
    )
    AskedQuestionFactory.create(
        text="Hemlig fråga två", topic=yh, county=skane, asker="arbetsgivare", created_at=in_month(0)
    )
    AskedQuestionFactory.create(
        text="Hemlig fråga tre", topic=sfi, county=norrbotten, asker="individ", created_at=in_month(2)
    )
    AskedQuestionFactory.create(text="Hemlig fråga fyra", topic=None, county=None, asker="", created_at=in_month(2))
    AskedQuestionFactory.create(text="Hemlig fråga fem", topic=yh, county=norrbotten, created_at=in_month(14))
    return {"yh": yh.name, "sfi": sfi.name}


def test_the_dashboard_counts_the_last_twelve_months_by_topic_county_and_asker(client, asked):
    response = client.get(URL)
    assert response.status_code == 200
    context = response.context
    assert context["total"] == 4
    assert counts(context["topics"]) == {asked["yh"]: 2, asked["sfi"]: 1, "Inget ämne hittades": 1}
    assert counts(context["counties"]) == {"Norrbottens län": 2, "Skåne län": 1, "Inget län angivet": 1}
    assert counts(context["askers"]) == {"Privatperson": 2, "Arbetsgivare": 1, "Ingen uppgift": 1}


def test_every_month_of_the_period_is_counted_also_the_empty_ones(client, asked):
    months = client.get(URL).context["months"]
    assert len(months) == 12
    assert months[-1] == (this_month(), 2)
    assert months[-3] == (add_months(this_month(), -2), 2)
    assert sum(count for _month, count in months) == 4


def test_the_dashboard_never_shows_a_question_text(client, asked):
    response = client.get(URL, {"fran": add_months(this_month(), -20).strftime("%Y-%m")})
    assert response.context["total"] == 5
    assert "Hemlig fråga" not in response.text


def test_the_chart_is_an_image_with_a_title_and_a_table_alternative(client, asked):
    html = client.get(URL).text
    assert '<svg viewBox="0 0 720 260" role="img" aria-labelledby="chart-title chart-desc">' in html
    assert '<title id="chart-title">Antal frågor per månad</title>' in html
    assert '<table id="months-table">' in html
    assert html.count("<rect ") == 12


def test_filters_narrow_every_count_to_a_county_an_asker_and_a_period(client, asked):
    assert client.get(URL, {"county": "25"}).context["total"] == 2
    assert counts(client.get(URL, {"asker": "individ"}).context["topics"]) == {asked["yh"]: 1, asked["sfi"]: 1}
    month = this_month().strftime("%Y-%m")
    response = client.get(URL, {"fran": month, "till": month})
    assert response.context["total"] == 2
    assert len(response.context["months"]) == 1


def test_a_period_given_backwards_is_turned_around(client, asked):
    first, last = add_months(this_month(), -2).strftime("%Y-%m"), this_month().strftime("%Y-%m")
    response = client.get(URL, {"fran": last, "till": first})
    assert response.context["total"] == 4
    assert len(response.context["months"]) == 3


def test_a_wrong_filter_is_explained_and_the_others_still_apply(client, asked):
    response = client.get(URL, {"county": "99", "asker": "individ", "fran": "1900-01"})
    assert response.status_code == 200
    assert "Välj ett län i listan." in response.text
    assert "Välj en månad i listan." in response.text
    assert response.context["total"] == 2


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405
    assert client.post(CSV_URL).status_code == 405


def test_the_dashboard_runs_a_fixed_number_of_queries(client, asked, django_assert_num_queries):
    # The counties for the filter, then one aggregate each: months, topics, counties, askers.
    with django_assert_num_queries(5):
        client.get(URL)
    with django_assert_num_queries(5):
        client.get(URL, {"county": "25", "asker": "individ"})


def test_the_csv_has_one_row_per_month_county_topic_and_asker_with_the_count(client, asked):
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="krokarm-fragor.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0] == "month,county_code,county,topic,topic_name,asker,count"
    now, earlier = this_month().strftime("%Y-%m"), add_months(this_month(), -2).strftime("%Y-%m")
    assert sorted(lines[1:]) == sorted(
        [
            f"{earlier},,,,,,1",
            f'{earlier},25,Norrbottens län,vuxenutbildning,"{asked["sfi"]}",individ,1',
            f"{now},12,Skåne län,yrkeshogskola,Yrkeshögskola,arbetsgivare,1",
            f"{now},25,Norrbottens län,yrkeshogskola,Yrkeshögskola,individ,1",
        ]
    )
    assert "Hemlig fråga" not in body


def test_the_csv_follows_the_same_filters_in_two_queries(client, asked, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get(CSV_URL, {"county": "12"})
    lines = response.content.decode("utf-8").lstrip("\ufeff").splitlines()
    assert len(lines) == 2
    assert ",12,Skåne län," in lines[1]


def test_the_dashboard_links_to_the_csv_with_the_same_filters(client):
    response = client.get(URL, {"county": "25"})
    assert f'href="{CSV_URL}?county=25"' in response.text
