"""`krokarm remind_confirmations`: an organisation's editors are told once a year at most when any of its items
has not been checked or confirmed for over a year."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.confirmations import actions, queries
from krokarm.confirmations.tests.factories import (
    AGENCY,
    OTHER_AGENCY,
    actor,
    checked_days_ago,
    editor,
    page,
    person,
    responsibility,
)
from krokarm.jobs.schedule import SCHEDULE
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def notices(user) -> list[Notification]:
    with zeal_ignore():
        return list(Notification.objects.filter(user=user))


def remind(day: dt.date) -> list[str]:
    return [organisation.slug for organisation, _stale, _sent in actions.remind_to_confirm(today=day)]


def test_the_editors_of_an_organisation_with_stale_data_are_told_once_with_a_link_to_the_page() -> None:
    own, admin, member = editor(), person(AGENCY, "organisationsadministrator"), person(AGENCY)
    other = editor(OTHER_AGENCY)  # CSN's data was checked today
    checked_days_ago(responsibility(), 400)

    assert remind(TODAY) == [AGENCY]

    [notice] = notices(own)
    assert notice.url == page() and "Arbetsförmedlingen" in notice.text and "1 av" in notice.text
    assert len(notices(admin)) == 1 and notices(member) == [] and notices(other) == []
    reminded = AuditEntry.objects.get(action=queries.REMINDED, target_id=str(actor().pk))
    assert not reminded.public and reminded.organisation == actor()
    assert reminded.changes["notifications"] == [None, 2] and reminded.changes["stale_items"] == [None, 1]


def test_a_second_run_and_any_run_within_a_year_tell_nobody_and_after_365_days_they_are_told_again() -> None:
    own = editor()
    checked_days_ago(responsibility(), 400)

    assert remind(TODAY) == [AGENCY]
    assert remind(TODAY) == []
    assert remind(TODAY + dt.timedelta(days=364)) == []
    assert len(notices(own)) == 1
    assert remind(TODAY + dt.timedelta(days=365)) == [AGENCY]
    assert len(notices(own)) == 2


def test_an_organisation_whose_data_is_current_or_that_has_no_editors_is_not_reminded() -> None:
    editor()
    person(OTHER_AGENCY)  # a plain member: nobody there may confirm
    checked_days_ago(responsibility(OTHER_AGENCY), 400)
    assert remind(TODAY) == []
    assert not AuditEntry.objects.filter(action=queries.REMINDED).exists()


def test_confirming_the_stale_item_means_no_reminder() -> None:
    own = editor()
    item = responsibility()
    checked_days_ago(item, 400)
    with zeal_ignore():
        actions.confirm(own, item, actor())
    assert remind(TODAY) == []


def test_the_command_prints_what_it_did_and_runs_daily() -> None:
    editor()
    checked_days_ago(responsibility(), 400)
    out = StringIO()
    with zeal_ignore():
        call_command("remind_confirmations", stdout=out)
    assert "Arbetsförmedlingen: 1 stale item(s), 1 editor(s) notified" in out.getvalue()
    out = StringIO()
    with zeal_ignore():
        call_command("remind_confirmations", stdout=out)
    assert "No organisation needs a reminder to confirm its data." in out.getvalue()
    jobs = {job.command: job.cron for job in SCHEDULE}
    assert jobs["remind_confirmations"] == "50 6 * * *"
