"""`krokarm remind_entry_point_deadlines`: seven days before the last day, the region's followers and the invited
agencies' followers are told, once per entry point, however often (or concurrently) the command runs."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification
from krokarm.strategies import actions
from krokarm.strategies.models import EntryPoint
from krokarm.strategies.tests.factories import AGENCY, REGION, actor, officer, open_entry_point

pytestmark = pytest.mark.django_db


def following(slug: str) -> Any:
    user = officer("skolverket")
    with zeal_ignore(), transaction.atomic():
        follow(user, actor(slug), source="test")
    return user


def run() -> str:
    out = StringIO()
    with zeal_ignore():
        call_command("remind_entry_point_deadlines", stdout=out)
    return out.getvalue()


def test_followers_of_the_region_and_of_invited_agencies_are_reminded_once() -> None:
    entry = open_entry_point(closes_in_days=7, invited=(AGENCY,))
    region_follower, agency_follower, bystander = following(REGION), following(AGENCY), following("csn")
    output = run()
    assert "Reminded about 1 entry point(s) with 2 notification(s)." in output
    notices = {n.user_id: n for n in Notification.objects.all()}
    assert set(notices) == {region_follower.pk, agency_follower.pk}
    for notice in notices.values():
        assert notice.text.startswith("En vecka kvar: sista dag för ”Remiss av det nya förslaget")
        assert "(Region Östergötland)" in notice.text and notice.url == entry.get_absolute_url()
    assert bystander.pk not in notices
    entry.refresh_from_db()
    assert entry.reminded_at is not None
    assert AuditEntry.objects.get(action="entrypoint.reminded").changes["notifications"] == [None, 2]

    assert "No entry point closes" in run()
    assert Notification.objects.count() == 2


def test_followers_of_the_regions_networks_are_reminded_and_nobody_twice() -> None:
    open_entry_point(closes_in_days=7, invited=(AGENCY,))
    network_follower = following("rus-natverket")  # Region Östergötland is a member
    everything = officer("skolverket")
    with zeal_ignore(), transaction.atomic():
        for slug in (REGION, AGENCY, "rus-natverket"):
            follow(everything, actor(slug), source="test")
    run()
    assert sorted(Notification.objects.values_list("user_id", flat=True)) == sorted(
        [network_follower.pk, everything.pk]
    )


def test_entry_points_further_away_closed_or_not_yet_open_are_left_alone() -> None:
    open_entry_point(closes_in_days=8, title="Om åtta dagar")
    open_entry_point(opened_days_ago=20, closes_in_days=-1, title="Stängd")
    open_entry_point(opened_days_ago=-2, closes_in_days=5, title="Inte öppen än")
    following(REGION)
    assert actions.remind_entry_point_deadlines() == []
    assert not Notification.objects.exists()


def test_a_day_missed_by_cron_is_caught_up_while_the_entry_point_is_open() -> None:
    following(REGION)
    entry = open_entry_point(closes_in_days=3)
    with zeal_ignore():
        assert [e.pk for e, _sent in actions.remind_entry_point_deadlines()] == [entry.pk]


def test_an_entry_point_claimed_by_another_run_is_skipped(monkeypatch: Any) -> None:
    """Two runs read the same due entry point; the one whose conditional UPDATE comes second writes nothing."""
    entry = open_entry_point(closes_in_days=7)
    following(REGION)
    # The other run claims the entry point after this run has listed it as due, just before this run's claim.
    from django.db.models import QuerySet

    original = QuerySet.update

    def claimed_first(self: Any, **kwargs: Any) -> int:
        if self.model is EntryPoint and "reminded_at" in kwargs:
            original(EntryPoint.objects.filter(pk=entry.pk), reminded_at=timezone.now())
        return original(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", claimed_first)
    assert actions.remind_entry_point_deadlines() == []
    assert not Notification.objects.exists() and not AuditEntry.objects.filter(action="entrypoint.reminded").exists()


def test_a_failed_run_releases_its_claim(monkeypatch: Any) -> None:
    following(REGION)
    entry = open_entry_point(closes_in_days=7)

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "notify_followers", broken)
    with pytest.raises(RuntimeError):
        actions.remind_entry_point_deadlines()
    entry.refresh_from_db()
    assert entry.reminded_at is None


def test_the_command_runs_a_fixed_number_of_queries(django_assert_num_queries: Any) -> None:
    following(REGION)
    following(AGENCY)
    for days in (2, 5, 7):
        open_entry_point(closes_in_days=days)
    today = timezone.localdate() + dt.timedelta(days=0)
    # list (2), then per entry point: savepoint (2), claim, the region's networks, the followers of all of
    # them at once and their insert, audit
    with zeal_ignore(), django_assert_num_queries(2 + 3 * 7):
        actions.remind_entry_point_deadlines(today=today)
