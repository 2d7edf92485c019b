"""The actions behind the editing pages: each change leaves one audit row naming the user and the actor."""

from __future__ import annotations

from typing import Any

import pytest

from krokarm.actors import actions
from krokarm.actors.models import Actor, Responsibility, Service, Theme
from krokarm.actors.tests.personas import person_at
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor() -> Actor:
    return Actor.objects.get(slug="arbetsformedlingen")


@pytest.fixture
def editor() -> Any:
    return person_at("arbetsformedlingen")


def rows_by(user: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(user=user).order_by("id"))


def test_updating_the_profile_records_old_and_new_for_the_actor(actor: Actor, editor: Any) -> None:
    old = actor.short_name
    changes = actions.update_profile(actor, {"short_name": "AF-test", "seat": actor.seat}, user=editor)
    assert changes == {"short_name": [old, "AF-test"]}
    [entry] = rows_by(editor)
    assert (entry.action, entry.organisation, entry.source) == ("actor.updated", actor, "web")
    assert entry.changes == {"short_name": [old, "AF-test"]} and entry.public
    actor.refresh_from_db()
    assert actor.short_name == "AF-test" and "af-test" in actor.search_text


def test_an_unchanged_profile_writes_no_row(actor: Actor, editor: Any) -> None:
    assert actions.update_profile(actor, {"seat": actor.seat}, user=editor) == {}
    assert rows_by(editor) == []


def test_only_profile_fields_can_be_updated(actor: Actor, editor: Any) -> None:
    with pytest.raises(ValueError):
        actions.update_profile(actor, {"name": "Något annat"}, user=editor)


def test_saving_a_new_responsibility_records_its_values_and_target_groups(actor: Actor, editor: Any) -> None:
    theme = Theme.objects.filter(kind=Theme.Kind.TOPIC).exclude(responsibilities__actor=actor).first()
    resp = Responsibility(actor=actor)
    values = {
        "theme": theme,
        "role": "informerar",
        "description": "Vi informerar.",
        "basis": "",
        "source_url": "https://example.se/kalla",
        "questions": ["Vad gäller?"],
    }
    actions.save_responsibility(resp, values, target_groups={"arbetsgivare"}, user=editor)
    [entry] = rows_by(editor)
    assert entry.action == "responsibility.created" and entry.organisation == actor
    assert entry.target_id == str(resp.pk)
    assert entry.changes["theme"] == [None, theme.name]
    assert entry.changes["target_groups"] == [[], ["arbetsgivare"]]
    assert list(resp.target_groups.values_list("slug", flat=True)) == ["arbetsgivare"]


def test_changing_only_the_target_groups_is_one_row(actor: Actor, editor: Any) -> None:
    resp = Responsibility.objects.filter(actor=actor).prefetch_related("target_groups")[0]
    before = sorted(g.slug for g in resp.target_groups.all())
    wanted = set(before) ^ {"arbetsgivare"}
    actions.save_responsibility(resp, {"description": resp.description}, target_groups=wanted, user=editor)
    [entry] = rows_by(editor)
    assert entry.changes == {"target_groups": [before, sorted(wanted)]}


def test_deleting_a_service_records_what_it_was(actor: Actor, editor: Any) -> None:
    service = Service.objects.filter(actor=actor).select_related("theme")[0]
    actions.delete_service(service, user=editor)
    [entry] = rows_by(editor)
    assert entry.action == "service.deleted" and entry.organisation == actor
    assert entry.changes["name"] == [service.name, None]
    assert not Service.objects.filter(actor=actor, name=service.name).exists()


def test_deleting_a_responsibility_records_what_it_was(actor: Actor, editor: Any) -> None:
    resp = Responsibility.objects.filter(actor=actor).select_related("theme")[0]
    actions.delete_responsibility(resp, user=editor)
    [entry] = rows_by(editor)
    assert entry.action == "responsibility.deleted" and entry.organisation == actor
    assert entry.changes["source_url"] == [resp.source_url, None]


def test_a_new_service_is_recorded_for_the_actor(actor: Actor, editor: Any) -> None:
    service = Service(actor=actor)
    values = {"name": "Ny tjänst", "description": "", "url": "", "theme": None}
    actions.save_service(service, values, target_groups=set(), user=editor)
    [entry] = rows_by(editor)
    assert entry.action == "service.created" and entry.organisation == actor
    assert "target_groups" not in entry.changes
