"""The data page and the CSV and JSON downloads."""

import csv
import io
import json

import pytest
from django.urls import reverse

from krokarm.actors.models import Actor, Responsibility

pytestmark = pytest.mark.django_db


def test_the_data_page_links_every_download_and_the_api(client):
    response = client.get(reverse("actors:data"))
    assert response.status_code == 200
    for name in ["actors:download-actors-csv", "actors:download-responsibilities-csv", "actors:download-json"]:
        assert reverse(name) in response.text
    assert "/api/v1/docs" in response.text


def test_the_actor_csv_has_a_row_per_actor_and_opens_in_excel(client):
    response = client.get(reverse("actors:download-actors-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == Actor.objects.count()
    skane = next(r for r in rows if r["slug"] == "region-skane")
    assert skane["county_code"] == "12" and skane["org_number"] == "232100-0255"


def test_the_responsibility_csv_has_a_row_per_responsibility(client):
    body = client.get(reverse("actors:download-responsibilities-csv")).content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == Responsibility.objects.count()
    assert all(r["source_url"].startswith("http") for r in rows)


def test_the_json_download_nests_responsibilities_services_and_networks(client):
    document = json.loads(client.get(reverse("actors:download-json")).content)
    assert document["count"] == Actor.objects.count()
    agency = next(a for a in document["actors"] if a["slug"] == "arbetsformedlingen")
    assert agency["responsibilities"] and agency["services"]
    region = next(a for a in document["actors"] if a["slug"] == "region-norrbotten")
    assert "rus-natverket" in region["networks"]
