"""The event form and all-day events: an organiser gives only a date ("Heldag"), stored midnight to midnight,
Swedish time, as the seed stores the all-day events of data/dialogues; editing one keeps it all-day.

Personas: the organiser's editor, an editor of another organisation, a member who edits nowhere, and an
anonymous visitor.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.dialogues import actions
from krokarm.dialogues.models import Event
from krokarm.dialogues.reference_data import whole_day
from krokarm.dialogues.tests.test_event_views import (
    ORGANISER,
    OWNER,
    actor,
    editor,
    form_data,
    log_in,
    make_event,
    person,
    url,
)

pytestmark = pytest.mark.django_db

SWEDISH_TIME = ZoneInfo("Europe/Stockholm")
ALL_DAY_NOTE = "(heldag, klockslagen är inte kända)"


def a_day(days: int = 60) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def all_day_data(when: dt.date, **values: Any) -> dict[str, Any]:
    data = {"all_day": "on", "day": when.isoformat(), "starts_at": "", "ends_at": "", "agenda": ""}
    return form_data(**{**data, **values})


def an_all_day_event(day: dt.date) -> Event:
    """An all-day event as the seed stores one: midnight to midnight of `day`, Swedish time."""
    starts_at, ends_at = whole_day(day)
    with zeal_ignore():
        return actions.create_event(
            user=None,
            organiser=actor(ORGANISER),
            title="Dialogdag hela dagen",
            kind=Event.Kind.DIALOGUE_DAY,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=True,
            place="Tillväxtverket, Stockholm",
        )


# --- Creating -----------------------------------------------------------------------------------------------


def test_an_organiser_creates_an_all_day_event_with_only_a_date(client: Any) -> None:
    day = a_day()
    log_in(client, editor())
    assert 'name="all_day"' in client.get(url("create")).text

    response = client.post(url("create"), all_day_data(day, title="Heldag om kompetens"))

    event = Event.objects.get(title="Heldag om kompetens")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.all_day and event.day == day
    assert (event.starts_at, event.ends_at) == whole_day(day)  # as the seed stores data/dialogues' all-day events
    assert timezone.localtime(event.starts_at, SWEDISH_TIME).time() == dt.time(0, 0)
    assert ALL_DAY_NOTE in client.get(event.get_absolute_url()).text


def test_the_times_of_an_all_day_event_are_not_asked_for_or_used(client: Any) -> None:
    day = a_day()
    log_in(client, editor())
    data = all_day_data(day, title="Heldag med tider", starts_at="2031-01-01T09:00", ends_at="inte en tid")
    assert client.post(url("create"), data).status_code == 302
    event = Event.objects.get(title="Heldag med tider")
    assert event.all_day and (event.starts_at, event.ends_at) == whole_day(day)


def test_an_all_day_event_needs_its_date(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), all_day_data(a_day(), title="Heldag utan datum", day=""))
    assert response.status_code == 400
    assert "Skriv datumet för heldagen." in response.text
    assert not Event.objects.filter(title="Heldag utan datum").exists()


def test_an_all_day_event_with_a_date_that_is_not_one_gets_a_swedish_error(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), all_day_data(a_day(), title="Heldag", day="den trettonde"))
    assert response.status_code == 400 and "Skriv ett datum så här: 2027-03-18." in response.text


def test_an_event_that_is_not_all_day_still_needs_both_times(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), form_data(title="Utan tider", starts_at="", ends_at=""))
    assert response.status_code == 400
    for name in ("starts_at", "ends_at"):
        assert f'<ul class="errorlist" id="id_{name}_error"><li>Skriv datum och tid.</li>' in response.text
    assert not Event.objects.filter(title="Utan tider").exists()


def test_registration_for_an_all_day_event_closes_before_its_day(client: Any) -> None:
    day = a_day()
    log_in(client, editor())
    late = f"{day.isoformat()}T12:00"
    response = client.post(url("create"), all_day_data(day, title="Heldag", registration_closes_at=late))
    assert response.status_code == 400 and "Anmälan måste stänga innan träffen börjar." in response.text


# --- Editing ------------------------------------------------------------------------------------------------


def test_the_edit_form_shows_an_all_day_event_as_a_date_without_times(client: Any) -> None:
    day = a_day()
    event = an_all_day_event(day)
    log_in(client, editor())
    form = client.get(url("edit", event.slug)).text
    assert re.search(r'<input type="checkbox" name="all_day"[^>]* checked>', form)
    assert f'name="day" value="{day.isoformat()}"' in form
    assert 'name="starts_at" aria-describedby' in form and 'name="starts_at" value=' not in form


def test_editing_an_all_day_event_keeps_it_all_day(client: Any) -> None:
    day = a_day()
    event = an_all_day_event(day)
    log_in(client, editor())
    data = all_day_data(day, title="Ny rubrik", version=str(event.version))

    assert client.post(url("edit", event.slug), data).status_code == 302

    event.refresh_from_db()
    assert event.title == "Ny rubrik" and event.all_day
    assert (event.starts_at, event.ends_at) == whole_day(day)
    change = AuditEntry.objects.filter(action="event.updated", target_id=str(event.pk)).latest("id").changes
    assert "all_day" not in change and "starts_at" not in change and "ends_at" not in change


def test_an_organiser_moves_an_all_day_event_to_another_day(client: Any) -> None:
    event = an_all_day_event(a_day())
    log_in(client, editor())
    later = a_day(90)
    assert client.post(url("edit", event.slug), all_day_data(later, title=event.title)).status_code == 302
    event.refresh_from_db()
    assert event.all_day and (event.starts_at, event.ends_at) == whole_day(later)


def test_an_organiser_turns_an_all_day_event_into_a_timed_one_on_purpose(client: Any) -> None:
    event = an_all_day_event(a_day())
    log_in(client, editor())
    data = form_data(title=event.title)  # "Heldag" left unticked, times given
    assert client.post(url("edit", event.slug), data).status_code == 302
    event.refresh_from_db()
    assert not event.all_day
    assert timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M") == data["starts_at"]


def test_a_timed_event_can_become_all_day(client: Any) -> None:
    event = make_event()
    day = a_day(45)
    log_in(client, editor())
    assert client.post(url("edit", event.slug), all_day_data(day, title=event.title)).status_code == 302
    event.refresh_from_db()
    assert event.all_day and event.day == day


# --- Who may ------------------------------------------------------------------------------------------------


def test_only_the_organisers_editors_change_an_all_day_event(client: Any) -> None:
    day = a_day()
    event = an_all_day_event(day)
    response = client.post(url("edit", event.slug), all_day_data(a_day(90), title="Kapat"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    log_in(client, editor("csn"))
    assert client.post(url("edit", event.slug), all_day_data(a_day(90), title="Kapat")).status_code == 403
    client.logout()
    log_in(client, person(OWNER))
    assert client.post(url("create"), all_day_data(day, title="Kapat")).status_code == 403
    event.refresh_from_db()
    assert event.title != "Kapat" and event.day == day
    assert not Event.objects.filter(title="Kapat").exists()


def test_the_event_form_answers_only_get_and_post(client: Any) -> None:
    event = an_all_day_event(a_day())
    log_in(client, editor())
    assert client.put(url("edit", event.slug)).status_code == 405
    assert client.delete(url("create")).status_code == 405
