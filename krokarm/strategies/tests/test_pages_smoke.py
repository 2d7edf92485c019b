"""The strategy pages: overview, a region's strategy and an entry point, with their query budgets."""

import pytest
from django.urls import reverse

from krokarm.strategies.models import EntryPoint

pytestmark = pytest.mark.django_db


def test_the_overview_shows_all_21_regions_in_chart_map_and_table(client):
    response = client.get(reverse("strategies:overview"))
    assert response.status_code == 200
    assert len(response.context["statuses"]) == 21
    assert len(response.context["tiles"]) == 21
    assert 'role="img"' in response.text and "Tidslinjen som tabell" in response.text
    assert "Region Jämtland Härjedalen" in response.text


def test_a_region_page_shows_strategy_process_and_review(client):
    response = client.get(reverse("strategies:region", args=["region-stockholm"]))
    assert response.status_code == 200
    assert "RUFS 2050" in response.text
    assert "Obekräftat" in response.text
    assert 'aria-current="step"' in response.text
    assert "Nästa översyn senast före valet" in response.text


def test_a_past_entry_point_shows_as_closed(client):
    entry = EntryPoint.objects.get(closes_on="2025-03-31")
    response = client.get(reverse("strategies:entry_point", args=[entry.pk]))
    assert response.status_code == 200
    assert "Stängd" in response.text


def test_unknown_region_is_404(client):
    assert client.get(reverse("strategies:region", args=["atlantis"])).status_code == 404
