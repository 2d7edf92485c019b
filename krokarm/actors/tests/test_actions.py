"""Writing to the directory through actions: audit rows and search text."""

import pytest

from krokarm.actors import actions
from krokarm.actors.models import Actor
from krokarm.actors.tests.factories import make_actor
from krokarm.audit.models import AuditEntry
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db


def test_creating_an_actor_leaves_an_audit_row_with_its_values():
    actor = make_actor("testverket", name="Testverket")
    entry = AuditEntry.objects.get(action="actor.created", target_id=str(actor.pk))
    assert entry.changes["name"] == [None, "Testverket"]
    assert entry.source == "test"


def test_changing_an_actor_records_old_and_new_value():
    actor = make_actor("testverket", name="Testverket")
    changes = actions.save_actor(actor, {"seat": "Kiruna"}, source="test")
    assert changes["seat"] == ["", "Kiruna"]
    entry = AuditEntry.objects.filter(action="actor.updated", target_id=str(actor.pk)).get()
    assert entry.changes["seat"] == ["", "Kiruna"]


def test_saving_the_same_values_writes_nothing():
    actor = make_actor("testverket", name="Testverket")
    before = AuditEntry.objects.count()
    assert actions.save_actor(actor, {"name": "Testverket"}, source="test") == {}
    assert AuditEntry.objects.count() == before


def test_the_search_text_follows_name_county_and_kind_in_any_case():
    actor = make_actor("orebro-test", kind="municipality", name="ÖREBRO TEST", county=County.objects.get(code="18"))
    assert "örebro test" in actor.search_text
    assert "örebro län" in actor.search_text
    assert "kommun" in actor.search_text
    actions.save_actor(actor, {"name": "Annat namn"}, source="test")
    assert "örebro test" not in Actor.objects.get(pk=actor.pk).search_text
