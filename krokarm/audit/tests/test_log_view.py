"""The whole audit log: coordinators filter it, page through it and download it; nobody else sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.actors import actions
from krokarm.actors.models import Actor
from krokarm.actors.tests.personas import coordinator, login, person_at

pytestmark = pytest.mark.django_db

LOG = "/samordning/logg/"


@pytest.fixture(autouse=True)
def _one_factor(settings: Any) -> None:
    settings.REQUIRE_TWO_FACTOR = False  # two-factor sign-in has its own tests (accounts)


def edit_seat(slug: str, seat: str, **person: Any) -> Any:
    editor = person_at(slug, **person)
    with zeal_ignore():  # set-up: several edits in a row
        actions.update_profile(Actor.objects.get(slug=slug), {"seat": seat}, user=editor)
    return editor


def test_the_log_lives_at_its_swedish_address() -> None:
    assert reverse("audit:log") == LOG


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    for url in (LOG, reverse("audit:log-csv")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_editors_and_members_who_are_not_coordinators_are_refused(client: Any) -> None:
    for role in (Affiliation.Role.EDITOR, Affiliation.Role.MEMBER):
        login(client, person_at("arbetsformedlingen", role))
        assert client.get(LOG).status_code == 403
        assert client.get(reverse("audit:log-csv")).status_code == 403


def test_only_get_is_allowed(client: Any) -> None:
    login(client, coordinator())
    assert client.post(LOG).status_code == 405
    assert client.post(reverse("audit:log-csv")).status_code == 405


def test_the_coordinator_sees_who_changed_what_for_which_organisation(client: Any) -> None:
    edit_seat("csn", "Sundsvall centrum", first_name="Sven", last_name="Redaktör")
    login(client, coordinator())
    response = client.get(LOG)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Händelselogg</h1>" in text
    assert "Sven Redaktör" in text and "Centrala studiestödsnämnden" in text and "Sundsvall centrum" in text


def test_filters_narrow_the_log(client: Any) -> None:
    edit_seat("csn", "Sundsvall centrum", first_name="Sven")
    edit_seat("arbetsformedlingen", "Nordpolsbyn", first_name="Greta")
    login(client, coordinator())
    by_org = client.get(LOG, {"organisation": "csn", "kalla": "web"}).text
    assert "Sundsvall centrum" in by_org and "Nordpolsbyn" not in by_org
    by_user = client.get(LOG, {"anvandare": "greta"}).text
    assert "Nordpolsbyn" in by_user and "Sundsvall centrum" not in by_user
    by_action = client.get(LOG, {"action": "actor.updated", "q": "Arbetsförmedlingen", "kalla": "web"}).text
    assert "Nordpolsbyn" in by_action and "Sundsvall centrum" not in by_action


def test_the_organisation_filter_finds_the_reference_data_changes_to_the_actor_too(client: Any) -> None:
    actor = Actor.objects.get(slug="csn")
    login(client, coordinator())
    text = client.get(LOG, {"organisation": "csn", "typ": "actors.responsibility", "kalla": "seed"}).text
    assert "Ansvar lades till" in text and actor.responsibilities.first().theme.name in text


def test_a_date_range_filters_by_day(client: Any) -> None:
    edit_seat("csn", "Sundsvall centrum")
    login(client, coordinator())
    today = timezone.localdate()
    assert "Sundsvall centrum" in client.get(LOG, {"fran": today.isoformat(), "till": today.isoformat()}).text
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert "Sundsvall centrum" not in client.get(LOG, {"fran": tomorrow}).text


def test_invalid_filters_are_reported_in_swedish(client: Any) -> None:
    login(client, coordinator())
    response = client.get(LOG, {"fran": "igår", "kalla": "telepati", "organisation": "finns-inte"})
    assert response.status_code == 200
    text = response.text
    assert "Något behöver rättas" in text
    assert "Skriv datumet så här: 2025-03-31." in text
    assert "Välj en källa i listan." in text and "Välj en organisation i listan." in text
    reversed_range = client.get(LOG, {"fran": "2025-03-31", "till": "2025-01-01"}).text
    assert "Slutdatumet kan inte vara före startdatumet." in reversed_range


def test_the_log_is_paginated_keeping_the_filters(client: Any) -> None:
    login(client, coordinator())
    response = client.get(LOG, {"kalla": "seed"})
    assert "Sida 1 av" in response.text
    assert "?kalla=seed&amp;sida=2" in response.text
    assert "Sida 2 av" in client.get(LOG, {"kalla": "seed", "sida": "2"}).text


def test_the_csv_holds_exactly_the_filtered_rows(client: Any) -> None:
    editor = edit_seat("csn", "=SUM(A1)")
    login(client, coordinator())
    response = client.get(reverse("audit:log-csv"), {"organisation": "csn", "kalla": "web"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("tidpunkt,händelse,objekttyp")
    assert len(lines) == 2
    assert "actor.updated" in lines[1] and editor.username in lines[1] and ",csn," in lines[1]
    assert "'=SUM" not in lines[1]  # inside the JSON of the changes, the formula is not at a cell's start


def test_a_cell_that_looks_like_a_formula_is_defused(client: Any) -> None:
    actor = Actor.objects.get(slug="csn")
    with transaction.atomic():
        from krokarm.audit.actions import record

        record("note.created", actor, source="=cmd", user=None)
    login(client, coordinator())
    body = b"".join(client.get(reverse("audit:log-csv"), {"action": "note.created"}).streaming_content).decode()
    assert ",'=cmd" in body


# The session and the user, the coordinator check, the choices for action and object type (one distinct
# query each), the count, the page of rows with their users and organisations, the organisations for the
# filter, the names of the rows that the page's many-to-many changes point at (one query per kind of row: here the
# organisations taking part in a dialogue session), and saving the session (three statements). More rows on the page
# add nothing.
def test_the_log_runs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    edit_seat("csn", "Sundsvall centrum")
    login(client, coordinator())
    client.get(LOG)
    with django_assert_num_queries(13):  # including the header's unread notifications
        client.get(LOG)
    with django_assert_num_queries(14):  # + checking the chosen organisation
        client.get(LOG, {"organisation": "csn"})
