"""`krokarm report_stale_phases`: a planned phase whose date passed without an update is reported to the region's
editors, once per phase and planned date."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from krokarm.accounts.models import Affiliation
from krokarm.audit.models import AuditEntry
from krokarm.jobs.schedule import SCHEDULE
from krokarm.notifications.models import Notification
from krokarm.strategies import actions, phases, queries
from krokarm.strategies.models import Phase
from krokarm.strategies.tests.factories import person, region_editor, region_member, url

pytestmark = pytest.mark.django_db

DALARNA = "region-dalarna"
D = datetime.date


def dalarna_decision() -> Phase:
    return Phase.objects.select_related("process__region").get(process__region__slug=DALARNA, kind="beslut")


def notices(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user))


def test_a_planned_phase_whose_date_passed_is_reported_to_the_region_editors_exactly_once():
    editor = region_editor(DALARNA)
    admin = person(DALARNA, Affiliation.Role.ADMIN)
    member = region_member(DALARNA)
    other_region = region_editor("region-skane")
    decision = dalarna_decision()

    first = actions.report_stale_phases(today=D(2026, 12, 7))
    again = actions.report_stale_phases(today=D(2026, 12, 8))

    assert (decision, D(2026, 4, 30), 2) in first
    assert decision not in [phase for phase, _day, _sent in again]
    [notice] = notices(editor)
    assert "”Beslut”" in notice.text and "30 april 2026" in notice.text
    assert notice.url == url("edit_phase", DALARNA, decision.pk)
    assert len(notices(admin)) == 1
    assert notices(member) == [] and notices(other_region) == []
    reported = AuditEntry.objects.get(action="phase.reported_stale", target_id=str(decision.pk))
    assert reported.changes["overdue_since"] == [None, "2026-04-30"] and not reported.public


def test_a_phase_updated_after_its_planned_date_is_not_reported_and_a_report_is_no_update():
    decision = dalarna_decision()
    actions.update_phase(decision, {"note": "Beslutet är fattat; protokollet kommer."}, user=region_editor(DALARNA))
    stockholm = Phase.objects.get(process__region__slug="region-stockholm", kind="beslut")  # planned May 2026

    reported = [phase.pk for phase, _day, _sent in actions.report_stale_phases(today=D(2026, 12, 31))]

    assert decision.pk not in reported and stockholm.pk in reported
    fresh = queries.with_last_update(Phase.objects.filter(pk=stockholm.pk)).get()
    assert fresh.version == 1  # the report did not touch the phase, nor make it count as updated
    assert queries.phase_state(fresh, D(2027, 1, 1)) == phases.NOT_UPDATED


def test_a_planned_start_and_a_planned_end_are_each_reported_once():
    editor = region_editor(DALARNA)
    decision = dalarna_decision()
    actions.update_phase(decision, {"starts_on": D(2027, 1, 1), "ends_on": D(2027, 3, 31)}, user=None, source="seed")

    def reported(day: datetime.date) -> list[datetime.date]:
        return [due for p, due, _s in actions.report_stale_phases(today=day) if p.pk == decision.pk]

    assert reported(D(2027, 1, 1)) == []
    assert reported(D(2027, 1, 2)) == [D(2027, 1, 1)]
    assert reported(D(2027, 2, 1)) == []
    assert reported(D(2027, 4, 1)) == [D(2027, 3, 31)]
    assert reported(D(2027, 4, 2)) == []
    assert len(notices(editor)) == 2


def test_the_command_prints_what_it_reported_and_runs_daily_before_the_digests():
    region_editor(DALARNA)
    out = StringIO()
    call_command("report_stale_phases", stdout=out)
    assert "Region Dalarna: Beslut planned 2026-04-30: 1 editor(s) notified" in out.getvalue()
    out = StringIO()
    call_command("report_stale_phases", stdout=out)
    assert "No phase has a passed planned date that is not reported yet." in out.getvalue()
    jobs = {job.command: job.cron for job in SCHEDULE}
    assert jobs["report_stale_phases"] == "45 6 * * *"
