"""A phase's state comes from its dates, today's date and its last update, the same on every page and in the API:
never current and ended at once, and "ej uppdaterad" once a planned date has passed without news."""

import datetime
import re

import pytest
from django.utils import timezone

from krokarm.strategies import actions, phases, queries
from krokarm.strategies.models import Phase
from krokarm.strategies.tests.factories import region_editor, url

pytestmark = pytest.mark.django_db

D = datetime.date


def seeded_phase(region: str, kind: str) -> Phase:
    return Phase.objects.select_related("process__region").get(process__region__slug=region, kind=kind)


def test_no_seeded_phase_is_shown_as_current_and_ended_at_once(client):
    response = client.get(url("overview"))
    rows = re.findall(r"<tr>.*?</tr>", response.text, re.S)
    assert rows
    assert [row for row in rows if "(aktuell)" in row and "Avslutad" in row] == []
    today = timezone.localdate()
    for status in response.context["statuses"]:
        if status.current is not None:
            state = queries.phase_state(status.current_phase, today)
            assert status.current.ongoing == (state == phases.ONGOING), status.region.name


def test_no_region_page_calls_a_phase_that_has_ended_its_current_phase(client):
    today = timezone.localdate()
    for status in queries.region_statuses(today):
        response = client.get(url("region", status.region.slug))
        if status.current_phase is not None and queries.phase_state(status.current_phase, today) != phases.ONGOING:
            assert "Aktuell fas" not in response.text, status.region.name
            assert "Senaste kända fas:" in response.text, status.region.name


def test_a_process_whose_latest_phase_ended_shows_it_as_the_latest_known_phase_with_the_year(client):
    response = client.get(url("region", "region-norrbotten"))
    assert "Senaste kända fas:</strong> Beslut (avslutad 2025)" in response.text
    assert "Aktuell fas" not in response.text


def test_a_planned_phase_whose_date_passed_is_ej_uppdaterad_not_ended(client):
    decision = seeded_phase("region-dalarna", "beslut")  # planned for April 2026, loaded from data/ only
    assert decision.planned and decision.ends_on == D(2026, 4, 30)
    response = client.get(url("region", "region-dalarna"))
    step = re.search(r'<li class="phase-step phase-beslut.*?</li>', response.text, re.S)
    assert step is not None
    assert "Ej uppdaterad" in step.group() and "Avslutad" not in step.group()
    assert "Planerade datum" in step.group()
    assert "Det planerade datumet 30 april 2026 har passerat" in step.group()
    assert "Beslut (planerad till 30 april 2026, ej uppdaterad)" in response.text


def test_the_overview_table_shows_the_state_and_the_planned_dates_apart(client):
    response = client.get(url("overview"))
    dalarna = next(t for t in response.text.split("<tbody>") if 'region-dalarna/">Region Dalarna' in t)
    row = next(r for r in re.findall(r"<tr>.*?</tr>", dalarna, re.S) if "<td>Beslut" in r)
    assert "(planerade datum)" in row and "Ej uppdaterad" in row and "Avslutad" not in row


def test_an_update_after_the_planned_date_ends_ej_uppdaterad(client):
    decision = seeded_phase("region-dalarna", "beslut")
    actions.update_phase(decision, {"planned": False}, user=region_editor("region-dalarna"))
    today = timezone.localdate()
    fresh = queries.with_last_update(Phase.objects.filter(pk=decision.pk)).get()
    assert queries.phase_state(fresh, today) == phases.ENDED


def test_a_planned_phase_is_ej_uppdaterad_once_its_start_or_end_passes_until_updated_after_it():
    phase = Phase(kind="beslut", starts_on=D(2027, 1, 1), ends_on=D(2027, 3, 31), planned=True)
    assert phases.phase_state(phase, D(2026, 12, 31)) == phases.UPCOMING
    assert phases.phase_state(phase, D(2027, 1, 1)) == phases.ONGOING
    assert phases.phase_state(phase, D(2027, 1, 2)) == phases.NOT_UPDATED
    assert phases.phase_state(phase, D(2027, 1, 2), updated_on=D(2027, 1, 2)) == phases.ONGOING
    assert phases.phase_state(phase, D(2027, 4, 1), updated_on=D(2027, 1, 2)) == phases.NOT_UPDATED
    assert phases.phase_state(phase, D(2027, 4, 1), updated_on=D(2027, 4, 1)) == phases.ENDED
    phase.planned = False
    assert phases.phase_state(phase, D(2027, 4, 1)) == phases.ENDED
