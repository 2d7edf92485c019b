"""krokarm.audit.provenance: when a row was last checked and by whom, for a whole page in two queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.audit.actions import record
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.audit.provenance import CONFIRMED, provenance_for, provenance_for_groups
from krokarm.strategies.models import Phase, Strategy
from krokarm.strategies.tests.factories import open_entry_point

pytestmark = pytest.mark.django_db


def confirm(obj: Any, organisation: Actor, day: str) -> AuditEntry:
    """A confirmation as the confirmations feature writes it (the contract: action "confirmed", the
    organisation, and the day in changes)."""
    with transaction.atomic():
        return record(
            CONFIRMED,
            obj,
            source="web",
            organisation=organisation,
            changes={"confirmed_on": [None, day]},
            public=True,
        )


def test_a_seeded_row_is_checked_on_its_records_date_against_its_own_source():
    resp = Responsibility.objects.filter(actor__slug="arbetsformedlingen").first()
    assert resp is not None
    stored = ReferenceRecord.objects.get(target_type="actors.responsibility", target_id=str(resp.pk))
    assert stored.checked_on is not None

    found = provenance_for([resp])[resp.pk]

    assert found.checked_on == stored.checked_on
    assert found.source_url == resp.source_url
    assert found.source_host and found.source_host in resp.source_url
    assert found.confirmed_by is None and found.changed_by is None


def test_an_actors_source_is_its_mandates_and_a_phase_falls_back_on_its_process():
    actor = Actor.objects.get(slug="arbetsformedlingen")
    assert provenance_for([actor])[actor.pk].source_url == actor.mandate_source_url
    phase = Phase.objects.select_related("process").exclude(process__source_url="").first()
    assert phase is not None
    Phase.objects.filter(pk=phase.pk).update(source_url="")
    phase.source_url = ""
    assert provenance_for([phase])[phase.pk].source_url == phase.process.source_url


def test_the_newest_confirmation_names_its_organisation_and_day():
    strategy = Strategy.objects.select_related("region").get(region__slug="region-skane", is_current=True)
    other = Actor.objects.get(slug="region-blekinge")
    confirm(strategy, other, "2026-11-30")
    confirm(strategy, strategy.region, "2026-12-05")

    found = provenance_for([strategy])[strategy.pk]

    assert found.confirmed_by == strategy.region
    assert found.confirmed_on == datetime.date(2026, 12, 5)
    assert found.checked_on is not None  # still a reference row: checked and confirmed
    assert found.changed_by is None


def test_a_row_made_on_the_site_is_given_by_the_organisation_that_last_changed_it():
    entry = open_entry_point("region-skane")

    found = provenance_for([entry])[entry.pk]

    assert found.checked_on is None
    assert found.changed_by == Actor.objects.get(slug="region-skane")
    assert found.changed_on == timezone.localdate()
    assert found.confirmed_by is None


def test_a_whole_page_of_rows_of_several_models_takes_two_queries(django_assert_num_queries: Any):
    actors = list(Actor.objects.filter(kind=Actor.Kind.REGION))
    responsibilities = list(Responsibility.objects.filter(actor__in=actors))
    services = list(Service.objects.filter(actor__in=actors))
    site_row = open_entry_point("region-skane")
    confirm(actors[0], actors[0], "2026-12-01")
    assert len(responsibilities) > 20

    with django_assert_num_queries(2):
        found = provenance_for_groups(actors, responsibilities, services, [site_row])

    assert len(found) == len(actors) + len(responsibilities) + len(services) + 1
    assert found[("actors.actor", str(actors[0].pk))].confirmed_by == actors[0]
    assert found[("strategies.entrypoint", str(site_row.pk))].changed_by is not None


def test_no_rows_take_no_queries(django_assert_num_queries: Any):
    with django_assert_num_queries(0):
        assert provenance_for([]) == {}
