"""A change saved meanwhile is shown, never silently overwritten (issue 14, point 2).

Phases, entry points and the region's answer to a contribution carry a version. A form sent against an older
version is refused with 409: the page keeps what the person typed, says what changed meanwhile and carries the
new version, so a second sending saves on purpose.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.audit.actions import Stale
from krokarm.audit.models import AuditEntry
from krokarm.strategies import actions
from krokarm.strategies.models import Contribution, EntryPoint, Phase
from krokarm.strategies.tests.factories import (
    REGION,
    contribute,
    log_in,
    open_entry_point,
    phase,
    region_editor,
    region_member,
    url,
)
from krokarm.strategies.tests.test_editing import entry_data

pytestmark = pytest.mark.django_db


def version_in(html: str, name: str = "version") -> str:
    found = re.search(rf'name="{name}" value="(\d+)"', html)
    assert found, f"no hidden {name} in the form"
    return found.group(1)


def test_a_stale_phase_form_is_refused_with_what_changed_and_keeps_the_text(client: Any) -> None:
    remiss = phase()
    log_in(client, region_editor())
    seen = version_in(client.get(url("edit_phase", REGION, remiss.pk)).text)
    actions.update_phase(remiss, {"note": "Kollegans anteckning"}, user=region_member(), source="web")
    mine = {"version": seen, "starts_on": "2025-02-01", "note": "Min anteckning"}
    response = client.post(url("edit_phase", REGION, remiss.pk), mine)
    assert response.status_code == 409
    assert "Någon annan har sparat en ändring medan du skrev." in response.text
    assert "Min anteckning" in response.text and "Kollegans anteckning" in response.text  # both are on the page
    remiss.refresh_from_db()
    assert remiss.note == "Kollegans anteckning" and remiss.starts_on is None  # nothing of the stale form saved
    # Sent again from the refused page (it carries the new version), it saves on purpose.
    again = client.post(url("edit_phase", REGION, remiss.pk), {**mine, "version": version_in(response.text)})
    assert again.status_code == 302
    remiss.refresh_from_db()
    assert remiss.note == "Min anteckning" and remiss.version == int(seen) + 2


def test_a_phase_the_seed_changed_meanwhile_is_not_overwritten_by_an_open_form(client: Any) -> None:
    remiss = phase()
    log_in(client, region_editor())
    seen = version_in(client.get(url("edit_phase", REGION, remiss.pk)).text)
    with zeal_ignore():
        actions.update_phase(remiss, {"planned": True}, user=None, source="seed")
    response = client.post(url("edit_phase", REGION, remiss.pk), {"version": seen, "note": "Min"})
    assert response.status_code == 409 and "via referensdata" in response.text
    assert Phase.objects.get(pk=remiss.pk).note != "Min"


def test_a_stale_entry_point_form_is_refused_and_keeps_the_editors_text(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, region_editor())
    seen = version_in(client.get(url("edit_entry_point", REGION, entry.pk)).text)
    actions.update_entry_point(entry, {"description": "Kollegans beskrivning"}, user=region_member())
    data = entry_data(entry.phase_id, title="Min rubrik", version=seen, opens_on=entry.opens_on.isoformat())
    response = client.post(url("edit_entry_point", REGION, entry.pk), data)
    assert response.status_code == 409
    assert "Min rubrik" in response.text and "Kollegans beskrivning" in response.text
    entry.refresh_from_db()
    assert entry.title != "Min rubrik" and entry.description == "Kollegans beskrivning"
    assert not AuditEntry.objects.filter(action="entrypoint.updated", changes__has_key="title").exists()


def test_an_edit_without_a_version_writes_only_the_fields_it_changes() -> None:
    entry = open_entry_point()
    editor, member = region_editor(), region_member()
    with zeal_ignore():  # the same row, written twice on purpose
        actions.update_entry_point(entry, {"description": "Ny beskrivning"}, user=editor)
        actions.update_entry_point(entry, {"title": "Ny rubrik"}, user=member)
    entry.refresh_from_db()
    assert (entry.title, entry.description) == ("Ny rubrik", "Ny beskrivning")  # both changes kept
    assert sorted(entry.invited.values_list("slug", flat=True)) == ["arbetsformedlingen"]  # not sent, not touched


def test_an_entry_point_action_with_an_old_version_raises_stale_and_writes_nothing() -> None:
    entry = open_entry_point()
    editor, member = region_editor(), region_member()
    with zeal_ignore(), pytest.raises(Stale) as refused:
        actions.update_entry_point(entry, {"title": "Först"}, user=editor)
        actions.update_entry_point(entry, {"title": "Sen"}, user=member, expected_version=1)
    assert refused.value.status == 409 and [c.field for c in refused.value.changes] == ["rubrik"]
    assert EntryPoint.objects.get(pk=entry.pk).title == "Först"


def test_an_officers_answer_sent_after_a_colleagues_is_refused_and_kept(client: Any) -> None:
    entry = open_entry_point()
    contribution = contribute(entry)
    log_in(client, region_member())
    page = client.get(url("contributions", entry.pk)).text
    seen = version_in(page, f"bidrag-{contribution.pk}-version")
    with zeal_ignore():
        actions.acknowledge_contribution(contribution, user=region_editor(), reply="Tack, vi återkommer.")
    field = f"bidrag-{contribution.pk}-reply"
    mine = {field: "Tack för ert svar!", f"bidrag-{contribution.pk}-version": seen}
    response = client.post(url("acknowledge", entry.pk, contribution.pk), mine)
    assert response.status_code == 409
    assert "Tack för ert svar!" in response.text and "Tack, vi återkommer." in response.text
    assert Contribution.objects.get(pk=contribution.pk).acknowledgement == "Tack, vi återkommer."
    mine[f"bidrag-{contribution.pk}-version"] = version_in(response.text, f"bidrag-{contribution.pk}-version")
    assert client.post(url("acknowledge", entry.pk, contribution.pk), mine).status_code == 302
    assert Contribution.objects.get(pk=contribution.pk).acknowledgement == "Tack för ert svar!"
