"""Two people changing the same event or next step: a change made meanwhile is shown, never silently overwritten.

Each form carries the version of the row it was shown with; a form sent against an older version answers 409,
keeps what the person wrote, lists what changed meanwhile, and saves when sent again.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.audit.actions import Stale
from krokarm.audit.models import AuditEntry
from krokarm.dialogues import actions
from krokarm.dialogues.models import Event, FollowUp, Progress
from krokarm.dialogues.tests.test_event_views import OWNER, editor, log_in, make_event, make_followup, url
from krokarm.dialogues.tests.test_event_views import form_data as event_data
from krokarm.dialogues.tests.test_followup_views import a_proposal
from krokarm.lib.forms import STALE_MESSAGE

pytestmark = pytest.mark.django_db


def hidden(page: str, name: str) -> str:
    """The value of the hidden field `name` in a page's form."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(rf'value="([^"]*)" name="{name}"', page)
    assert found, f"no hidden {name} in the page"
    return found.group(1)


# --- An event --------------------------------------------------------------------------------------------------


def test_a_stale_event_form_is_refused_with_what_changed_and_keeps_the_text(client: Any) -> None:
    event = make_event()
    log_in(client, editor())
    shown = hidden(client.get(url("edit", event.slug)).text, "version")
    with zeal_ignore():
        actions.update_event(event, user=editor(), place="Göteborg")  # a colleague saves first
    data = event_data(title="Vår nya rubrik", version=shown)
    response = client.post(url("edit", event.slug), data)
    assert response.status_code == 409
    assert str(STALE_MESSAGE) in response.text and "Det här sparades medan du skrev" in response.text
    assert "„Tillväxtverket, Stockholm” → „Göteborg”" in response.text  # what the colleague changed
    assert 'value="Vår nya rubrik"' in response.text  # what this editor typed is still in the form
    event.refresh_from_db()
    assert event.title == "Dialogdag om kompetensförsörjning" and event.place == "Göteborg"
    # Sent again (now against the current version), it saves.
    again = client.post(url("edit", event.slug), {**data, "version": hidden(response.text, "version")})
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.title == "Vår nya rubrik"


def test_updating_an_event_against_an_old_version_writes_nothing() -> None:
    event = make_event()
    old = event.version
    actions.update_event(event, user=None, place="Malmö")
    before = AuditEntry.objects.count()
    with zeal_ignore(), pytest.raises(Stale) as refused:
        actions.update_event(Event.objects.get(pk=event.pk), user=None, title="Annat", expected_version=old)
    assert refused.value.status == 409 and [c.new for c in refused.value.changes] == ["Malmö"]
    event.refresh_from_db()
    assert event.title == "Dialogdag om kompetensförsörjning" and AuditEntry.objects.count() == before


def test_every_change_to_an_event_moves_its_version_on() -> None:
    event = make_event()
    assert event.version == 1
    actions.update_event(event, user=None, place="Malmö")
    assert Event.objects.get(pk=event.pk).version == 2 == event.version
    with zeal_ignore():
        actions.update_event(event, user=None, place="Malmö")  # nothing changed: the version stays
    assert Event.objects.get(pk=event.pk).version == 2


# --- A next step -----------------------------------------------------------------------------------------------


def test_a_status_chosen_on_an_old_page_is_refused_with_what_changed_and_keeps_the_note(client: Any) -> None:
    followup = make_followup(a_proposal())
    log_in(client, editor(OWNER))
    page = client.get(followup.get_absolute_url()).text
    shown, once = hidden(page, "version"), hidden(page, "once")
    with zeal_ignore():
        actions.update_followup(followup, user=editor(OWNER), status="klar", text="Klart hos oss.")
    data = {"status": "pagar", "text": "Vi har börjat planera.", "version": shown, "once": once}
    response = client.post(url("update_followup", followup.pk), data)
    assert response.status_code == 409
    assert "Det här sparades medan du skrev" in response.text and "„Planerad” → „Klar”" in response.text
    assert "Vi har börjat planera.</textarea>" in response.text  # the note is kept in the form
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.DONE  # the newer status was not undone
    assert list(Progress.objects.filter(followup=followup).values_list("text", flat=True)) == ["Klart hos oss."]
    # Sent again with the same one-time key (its first use was undone) against the current version: it saves.
    again = client.post(url("update_followup", followup.pk), {**data, "version": hidden(response.text, "version")})
    assert again.status_code == 302
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ONGOING and followup.progress.count() == 2


def test_two_notes_that_leave_the_status_alone_are_both_kept(client: Any) -> None:
    followup = make_followup(a_proposal())
    log_in(client, editor(OWNER))
    shown = hidden(client.get(followup.get_absolute_url()).text, "version")
    with zeal_ignore():
        actions.update_followup(followup, user=editor(OWNER), status=followup.status, text="Första lägesrapporten.")
    data = {"status": followup.status, "text": "Andra lägesrapporten.", "version": shown}
    assert client.post(url("update_followup", followup.pk), data).status_code == 302
    texts = set(Progress.objects.filter(followup=followup).values_list("text", flat=True))
    assert texts == {"Första lägesrapporten.", "Andra lägesrapporten."}
