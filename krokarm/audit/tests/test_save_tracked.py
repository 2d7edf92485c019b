"""save_tracked: what it writes is what the audit row says, never an old copy of the row."""

from __future__ import annotations

import pytest
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.audit.actions import Stale, save_tracked
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_update_writes_only_its_fields_and_keeps_what_another_request_saved_meanwhile() -> None:
    mine = Actor.objects.get(slug="arbetsformedlingen")  # read before the other change
    Actor.objects.filter(pk=mine.pk).update(mandate="Sparat av någon annan")
    save_tracked(mine, {"seat": "Kiruna"}, source="web")
    stored = Actor.objects.get(pk=mine.pk)
    assert stored.mandate == "Sparat av någon annan" and stored.seat == "Kiruna"  # kept: both
    assert mine.mandate == "Sparat av någon annan"  # the caller's copy holds what is stored


def test_every_change_moves_the_version_on_and_the_audit_row_names_it() -> None:
    actor = Actor.objects.get(slug="arbetsformedlingen")
    before = actor.version
    save_tracked(actor, {"seat": "Luleå"}, source="web")
    assert actor.version == before + 1 == Actor.objects.get(pk=actor.pk).version
    assert (
        AuditEntry.objects.filter(target_id=str(actor.pk), target_type="actors.actor").latest("id").version
        == before + 1
    )


def test_nothing_to_change_writes_nothing_and_keeps_the_version() -> None:
    actor = Actor.objects.get(slug="arbetsformedlingen")
    before, audits = actor.version, AuditEntry.objects.count()
    assert save_tracked(actor, {"seat": actor.seat}, source="seed") == {}
    assert Actor.objects.get(pk=actor.pk).version == before and AuditEntry.objects.count() == audits


def test_an_old_version_is_refused_with_the_changes_since_and_nothing_is_written() -> None:
    actor = Actor.objects.get(slug="arbetsformedlingen")
    seen = actor.version
    save_tracked(actor, {"seat": "Kiruna"}, source="api")
    with pytest.raises(Stale) as refused, zeal_ignore():  # a second save of the same row, on purpose
        save_tracked(actor, {"mandate": "Ny"}, source="web", expected_version=seen)
    assert refused.value.status == 409 and refused.value.current_version == seen + 1
    change = refused.value.changes[0]
    assert (change.field, change.new, str(change.who)) == ("säte", "Kiruna", "API:t")
    assert Actor.objects.get(pk=actor.pk).mandate != "Ny"  # nothing written
