"""actions.confirm: one audit row per item and day, for the confirming organisation; only its editors may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.confirmations import actions, queries
from krokarm.confirmations.tests.factories import (
    AGENCY,
    OTHER_AGENCY,
    REGION,
    actor,
    confirmations,
    editor,
    person,
    responsibility,
)
from krokarm.strategies.models import Phase, Strategy

pytestmark = pytest.mark.django_db


def test_confirming_writes_exactly_one_public_audit_row_for_the_organisation() -> None:
    user, organisation, item = editor(), actor(), responsibility()

    entry = actions.confirm(user, item, organisation)

    [stored] = confirmations(item)
    assert stored.pk == entry.pk and stored.public and stored.source == "web"
    assert stored.user == user and stored.organisation == organisation
    assert stored.changes == {"confirmed_on": [None, timezone.localdate().isoformat()]}


def test_confirming_again_the_same_day_writes_nothing_and_returns_the_first_row() -> None:
    user, organisation, item = editor(), actor(), responsibility()
    first = actions.confirm(user, item, organisation)

    with zeal_ignore():  # the same item read twice in one test: one click each in real use
        again = actions.confirm(user, item, organisation)

    assert again.pk == first.pk and len(confirmations(item)) == 1


def test_confirming_the_next_day_writes_a_new_row() -> None:
    user, organisation, item = editor(), actor(), responsibility()
    today = timezone.localdate()
    actions.confirm(user, item, organisation, today=today)
    with zeal_ignore():
        actions.confirm(user, item, organisation, today=today + dt.timedelta(days=1))
    assert len(confirmations(item)) == 2


@pytest.mark.parametrize("who", ["other organisation's editor", "plain member"])
def test_someone_who_may_not_edit_the_item_is_refused_and_nothing_is_written(who: str) -> None:
    user = editor(OTHER_AGENCY) if who == "other organisation's editor" else person(AGENCY)
    item = responsibility()

    with pytest.raises(actions.NotAllowed) as refused:
        actions.confirm(user, item, actor())

    assert refused.value.status == 403 and refused.value.code == "not_allowed"
    assert "Arbetsförmedlingen" in refused.value.message
    assert confirmations(item) == []


def test_an_editor_cannot_confirm_another_organisations_item_in_their_own_name() -> None:
    user = editor(OTHER_AGENCY)
    with pytest.raises(actions.NotAllowed):
        actions.confirm(user, responsibility(AGENCY), actor(OTHER_AGENCY))


def test_a_regions_editor_confirms_its_phases_and_strategy_and_another_regions_editor_may_not() -> None:
    region = actor(REGION)
    phase = Phase.objects.filter(process__region=region).first()
    strategy = Strategy.objects.filter(region=region, is_current=True).first()
    assert phase is not None and strategy is not None

    own = editor(REGION)
    actions.confirm(own, phase, region)
    with zeal_ignore():
        actions.confirm(own, strategy, region)
    with pytest.raises(actions.NotAllowed), zeal_ignore():  # a second user's roles: one query each, by design
        actions.confirm(editor("region-skane"), phase, region)

    assert len(confirmations(phase)) == 1 and len(confirmations(strategy)) == 1


def test_a_confirmation_makes_a_stale_item_current_again() -> None:
    item = responsibility()
    later = timezone.localdate() + dt.timedelta(days=400)
    assert [i.stale for i in queries.items_of([actor().pk], later)[actor().pk] if i.obj == item] == [True]

    actions.confirm(editor(), item, actor(), today=later)

    [dated] = [i for i in queries.items_of([actor().pk], later)[actor().pk] if i.obj == item]
    assert dated.how == queries.HOW_CONFIRMED and not dated.stale


def test_a_regions_items_are_its_strategy_phases_and_open_entry_points_and_an_agency_has_none_of_them() -> None:
    region_items = queries.items_of([actor(REGION).pk])[actor(REGION).pk]
    agency_items = queries.items_of([actor(AGENCY).pk])[actor(AGENCY).pk]
    assert {"aktor", "strategi", "fas"} <= {i.kind for i in region_items}
    assert {i.kind for i in agency_items} <= {"aktor", "ansvar", "tjanst"}
    assert "ansvar" in {i.kind for i in agency_items}
