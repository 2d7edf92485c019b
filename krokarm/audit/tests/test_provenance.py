"""krokarm.audit.provenance: when a row was last checked and by whom, for a whole page in two queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from krokarm.actors import actions
from krokarm.actors.models import Actor, Responsibility, Service
from krokarm.audit.actions import record
from krokarm.audit.models import AuditEntry, ReferenceRecord
from krokarm.audit.provenance import CONFIRMED, provenance_for, provenance_for_groups

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


def site_service(actor: Actor) -> Service:
    service = Service(actor=actor)
    actions.save_service(service, {"name": "En tjänst från webbplatsen"}, target_groups=set(), user=None)
    return service


def test_an_actors_source_is_its_mandates():
    actor = Actor.objects.get(slug="arbetsformedlingen")
    assert actor.mandate_source_url
    assert provenance_for([actor])[actor.pk].source_url == actor.mandate_source_url


def test_the_newest_confirmation_names_its_organisation_and_day():
    resp = Responsibility.objects.select_related("actor").filter(actor__slug="region-skane").first()
    assert resp is not None
    other = Actor.objects.get(slug="region-blekinge")
    confirm(resp, other, "2026-11-30")
    confirm(resp, resp.actor, "2026-12-05")

    found = provenance_for([resp])[resp.pk]

    assert found.confirmed_by == resp.actor
    assert found.confirmed_on == datetime.date(2026, 12, 5)
    assert found.checked_on is not None  # still a reference row: checked and confirmed
    assert found.changed_by is None


def test_a_row_made_on_the_site_is_given_by_the_organisation_that_last_changed_it():
    actor = Actor.objects.get(slug="region-skane")
    service = site_service(actor)

    found = provenance_for([service])[service.pk]

    assert found.checked_on is None
    assert found.changed_by == actor
    assert found.changed_on == timezone.localdate()
    assert found.confirmed_by is None


def test_a_whole_page_of_rows_of_several_models_takes_two_queries(django_assert_num_queries: Any):
    actors = list(Actor.objects.filter(kind=Actor.Kind.REGION))
    responsibilities = list(Responsibility.objects.filter(actor__in=actors))
    services = list(Service.objects.filter(actor__in=actors))
    site_row = site_service(actors[0])
    confirm(actors[0], actors[0], "2026-12-01")
    assert len(responsibilities) > 20

    with django_assert_num_queries(2):
        found = provenance_for_groups(actors, responsibilities, services, [site_row])

    assert len(found) == len(actors) + len(responsibilities) + len(services) + 1
    assert found[("actors.actor", str(actors[0].pk))].confirmed_by == actors[0]
    assert found[("actors.service", str(site_row.pk))].changed_by == actors[0]


def test_no_rows_take_no_queries(django_assert_num_queries: Any):
    with django_assert_num_queries(0):
        assert provenance_for([]) == {}
