"""The strategies overview opens with what agencies can do now — or what comes next — and when the data last
changed, never with "0 öppna ingångar"."""

import datetime
import re

import pytest
from django.utils import timezone

from krokarm.audit.models import AuditEntry
from krokarm.strategies.models import EntryPoint
from krokarm.strategies.tests.factories import open_entry_point, upcoming_entry_point, url

pytestmark = pytest.mark.django_db


def opening(client) -> str:
    text = client.get(url("overview")).text
    found = re.search(r'<p class="page-status">(.*?)</p>', text, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def close_everything_open() -> None:
    today = timezone.localdate()
    EntryPoint.objects.filter(closes_on__gte=today).delete()


def test_with_no_open_entry_point_the_page_opens_with_the_next_one(client):
    close_everything_open()
    coming = upcoming_entry_point()
    text = opening(client)
    day = coming.opens_on
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december"]  # fmt: skip
    assert text.startswith(
        f"Ingen region ber myndigheter om något just nu. Nästa ingång öppnar {day.day} {months[day.month - 1]} "
        f"{day.year} hos Region Östergötland: En kommande dialog."
    )
    assert "0 öppna ingångar" not in client.get(url("overview")).text


def test_with_nothing_open_or_coming_the_page_says_how_to_hear_of_the_next_one(client):
    close_everything_open()
    text = opening(client)
    assert text.startswith("Ingen region ber myndigheter om något just nu, och ingen ny ingång är inlagd ännu.")
    assert "Välj en region och följ den, så får du en avisering när den öppnar en ingång." in text


def test_the_page_says_when_the_strategy_data_last_changed(client):
    AuditEntry.objects.filter(target_type__startswith="strategies.").update(
        created_at=datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
    )
    assert "Uppgifterna ändrades senast 27 november 2026." in opening(client)


def test_with_open_entry_points_the_page_opens_with_how_many(client):
    close_everything_open()
    open_entry_point()
    assert opening(client).startswith("Just nu kan myndigheter bidra i 1 öppen ingång.")
