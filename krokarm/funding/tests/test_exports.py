"""The open-data exports: CSV (UTF-8 with a byte-order mark) and JSON, one row per programme."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse

from krokarm.funding.models import Programme

pytestmark = pytest.mark.django_db


def test_the_csv_has_a_bom_and_one_row_per_programme(client: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(8):
        response = client.get(reverse("funding:export-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert len(rows) == Programme.objects.count()
    fro = next(row for row in rows if row["slug"] == "fonden-for-en-rattvis-omstallning")
    assert fro["lan"] == "09; 24; 25"
    assert (fro["individer"], fro["foretag"], fro["organisationer"]) == ("genom_projekt", "direkt", "direkt")
    assert fro["forvaltande_myndighet_slug"] == "tillvaxtverket"
    assert fro["bekraftat"] == "ja"
    aurora = next(row for row in rows if row["slug"] == "interreg-aurora")
    assert aurora["bekraftat"] == "nej" and aurora["individer"] == ""


def test_the_json_holds_the_same_programmes_with_counties_reach_and_themes(client: Any) -> None:
    response = client.get(reverse("funding:export-json"))
    document = json.loads(response.content)
    programmes = {p["slug"]: p for p in document["programmes"]}
    assert set(programmes) == set(Programme.objects.values_list("slug", flat=True))
    area = programmes["esf-plus-d"]
    assert area["parent"] == "esf-plus" and area["part"] == "area"
    assert {c["code"] for c in area["counties"]} == {"22", "23", "24", "25"}
    assert area["reach"] == [
        {"target": "organisationer", "how": "direkt", "note": "Organisationer i de fyra nordligaste länen."}
    ]
    assert programmes["interreg-europe"]["managing_authority"] == {
        "name": "Région Hauts-de-France (Lille, Frankrike)",
        "actor": None,
    }
    assert "klimat-energi-och-miljo" in programmes["fonden-for-en-rattvis-omstallning"]["themes"]


def test_a_correction_written_like_a_formula_comes_out_of_the_csv_as_text(client: Any) -> None:
    # The admin's corrections (funding/admin.py) and the reference file are typed by people too.
    Programme.objects.filter(slug="interreg-aurora").update(who_may_apply="+SUM(A1:A9)", budget="-1+1")
    body = client.get(reverse("funding:export-csv")).content.decode("utf-8").removeprefix("\ufeff")
    aurora = next(row for row in csv.DictReader(io.StringIO(body)) if row["slug"] == "interreg-aurora")
    assert (aurora["vem_kan_soka"], aurora["budget"]) == ("'+SUM(A1:A9)", "'-1+1")
