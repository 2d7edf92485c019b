"""A region's strategy page says when the strategy, each phase and each entry point were checked and by whom."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone

from krokarm.audit.actions import record
from krokarm.audit.models import ReferenceRecord
from krokarm.audit.provenance import provenance_for
from krokarm.strategies.models import Phase, Strategy
from krokarm.strategies.tests.factories import open_entry_point

pytestmark = pytest.mark.django_db
REGION = "region-skane"


def page(client) -> str:
    return client.get(reverse("strategies:region", args=[REGION])).text


def test_the_strategy_and_each_phase_say_when_they_were_checked_against_which_source(client):
    strategy = Strategy.objects.get(region__slug=REGION, is_current=True)
    checked = ReferenceRecord.objects.get(target_type="strategies.strategy", target_id=str(strategy.pk)).checked_on
    host = strategy.source_url.split("/")[2].removeprefix("www.")
    phases = Phase.objects.filter(process__region__slug=REGION).count()

    text = page(client)

    assert f'Kontrollerad {date(checked, "j F Y")} mot <a href="{strategy.source_url}">källan på {host}</a>' in text
    assert phases and text.count('class="provenance muted"') >= 1 + phases


def test_a_confirmed_phase_names_the_region_and_the_day(client):
    phase = Phase.objects.select_related("process__region").filter(process__region__slug=REGION).first()
    assert phase is not None
    with transaction.atomic():
        record(
            "confirmed",
            phase,
            source="web",
            organisation=phase.process.region,
            changes={"confirmed_on": [None, "2026-12-06"]},
        )

    text = page(client)

    assert f"Bekräftad av {phase.process.region.name} {date(datetime.date(2026, 12, 6), 'j F Y')}" in text


def test_an_entry_point_the_region_published_on_the_site_is_given_by_the_region(client):
    entry = open_entry_point(REGION, title="En ingång från webbplatsen")

    text = page(client)

    assert entry.title in text
    region = entry.phase.process.region
    assert f"Uppgiven av {region.name} {date(timezone.localdate(), 'j F Y')}" in text


def test_a_phase_without_its_own_source_is_checked_against_its_processs():
    phase = Phase.objects.select_related("process").exclude(process__source_url="").first()
    assert phase is not None
    Phase.objects.filter(pk=phase.pk).update(source_url="")
    phase.source_url = ""

    assert provenance_for([phase])[phase.pk].source_url == phase.process.source_url
