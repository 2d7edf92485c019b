"""Which actors can receive a case: someone works there, or it has a case mailbox."""

from __future__ import annotations

import pytest
from zeal import zeal_ignore

from krokarm.accounts.queries import receives_cases, receiving_slugs
from krokarm.accounts.tests.factories import member_of
from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db


def test_an_actor_nobody_works_for_and_without_a_case_mailbox_receives_nothing() -> None:
    assert not receives_cases(Actor.objects.get(slug="elsakerhetsverket"))
    assert receiving_slugs(["elsakerhetsverket", "csn"]) == set()


def test_an_actor_with_an_active_member_receives_cases() -> None:
    member_of("csn")
    assert receiving_slugs(["elsakerhetsverket", "csn"]) == {"csn"}


def test_a_deactivated_account_does_not_count_as_someone_working_there() -> None:
    member_of("csn", is_active=False)
    assert not receives_cases(Actor.objects.get(slug="csn"))


def test_a_case_mailbox_is_enough_to_receive_cases() -> None:
    Actor.objects.filter(slug="elsakerhetsverket").update(case_email="arenden@example.se")
    assert receiving_slugs(["elsakerhetsverket"]) == {"elsakerhetsverket"}


def test_unknown_and_empty_slugs_are_ignored_in_one_query(django_assert_num_queries) -> None:
    member_of("csn")
    with django_assert_num_queries(1):
        assert receiving_slugs(["csn", "", "finns-inte", "csn"]) == {"csn"}
    with django_assert_num_queries(0):
        assert receiving_slugs([]) == set()


def test_a_coordinator_may_invite_the_first_people_of_an_organisation_without_an_administrator() -> None:
    from django.contrib.auth.models import Group

    from krokarm.accounts.permissions import COORDINATORS_GROUP, can_manage_members
    from krokarm.accounts.tests.factories import UserFactory

    coordinator = UserFactory.create()
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
    actor = Actor.objects.get(slug="elsakerhetsverket")
    assert can_manage_members(coordinator, actor)
    member_of("elsakerhetsverket", role="organisationsadministrator")
    with zeal_ignore():  # the same question twice, before and after: not an N+1
        assert not can_manage_members(coordinator, actor)
        assert not can_manage_members(UserFactory(), Actor.objects.get(slug="csn"))  # not a coordinator
