"""A form sent twice makes one thing and shows it (issue 14, point 3).

Every form that creates something — interest, a contribution with files, an entry point, a phase — carries a
one-time key. The second sending of the same form (a double click, a browser resending it) is shown what the
first made, with a message that says so; nothing is made twice and no error is shown for the first's success.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from krokarm.notifications.models import Notification
from krokarm.strategies.models import Attachment, Contribution, EntryPoint, Phase
from krokarm.strategies.tests.factories import (
    AGENCY,
    REGION,
    closed_entry_point,
    log_in,
    officer,
    open_entry_point,
    phase,
    process,
    region_editor,
    upload,
    url,
)
from krokarm.strategies.tests.test_editing import entry_data, follower

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def once_in(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([0-9a-f]+)"', html)
    assert found, f"no one-time key {name} in the page"
    return found.group(1)


def told(response: Any) -> str:
    """The last message the response left for the next page (the first sending's is still queued before it)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_a_contribution_sent_twice_is_stored_once_with_its_files(client: Any, tmp_path: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    key = once_in(client.get(url("entry_point", entry.pk)).text, "bidrag-once")
    data = {"bidrag-actor": AGENCY, "bidrag-text": "Vårt remissvar.", "bidrag-once": key}
    first = client.post(url("contribute", entry.pk), {**data, "bidrag-attachments": [upload()]})
    second = client.post(url("contribute", entry.pk), {**data, "bidrag-attachments": [upload()]})
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Contribution.objects.count() == 1 and Attachment.objects.count() == 1
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1  # the second sending's file was not stored
    expected = "Ert bidrag var redan skickat: formuläret skickades två gånger, men bidraget finns bara en gång."
    assert told(second) == expected


def test_interest_registered_twice_is_registered_once(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    key = once_in(client.get(url("entry_point", entry.pk)).text, "intresse-once")
    data = {"intresse-actor": AGENCY, "intresse-once": key}
    assert client.post(url("interest", entry.pk), data).status_code == 302
    second = client.post(url("interest", entry.pk), data)
    assert second.status_code == 302 and Contribution.objects.count() == 1
    assert "Er intresseanmälan var redan skickad" in told(second)


def test_an_entry_point_published_twice_is_published_and_announced_once(client: Any) -> None:
    watcher = follower()
    log_in(client, region_editor())
    key = once_in(client.get(url("add_entry_point", REGION)).text, "once")
    data = {**entry_data(phase().pk), "once": key}
    first = client.post(url("add_entry_point", REGION), data)
    second = client.post(url("add_entry_point", REGION), data)
    entry = EntryPoint.objects.get(title="Dialog om kompetensförsörjning")
    assert first["Location"] == second["Location"] == entry.get_absolute_url()
    assert Notification.objects.filter(user=watcher).count() == 1
    assert "Ingången var redan publicerad" in told(second)


def test_a_phase_added_twice_is_added_once_and_the_second_is_not_told_it_exists(client: Any) -> None:
    log_in(client, region_editor())
    proc = process()
    key = once_in(client.get(url("add_phase", REGION, proc.pk)).text, "once")
    data = {"kind": "beslut", "starts_on": "2026-06-01", "once": key}
    assert client.post(url("add_phase", REGION, proc.pk), data).status_code == 302
    second = client.post(url("add_phase", REGION, proc.pk), data)
    # Shown the first sending's result, not "choose a phase the process does not have" about its own phase.
    assert second.status_code == 302 and second["Location"] == url("manage", REGION)
    assert Phase.objects.filter(process=proc, kind="beslut").count() == 1
    assert "Fasen var redan tillagd" in told(second)


def test_a_refused_sending_leaves_its_key_free_so_the_corrected_form_is_sent(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    key = once_in(client.get(url("entry_point", entry.pk)).text, "bidrag-once")
    data = {"bidrag-actor": AGENCY, "bidrag-text": "x" * 10_001, "bidrag-once": key}
    refused = client.post(url("contribute", entry.pk), data)
    assert refused.status_code == 400 and once_in(refused.text, "bidrag-once") == key  # the text and key are kept
    corrected = client.post(url("contribute", entry.pk), {**data, "bidrag-text": "Kortare svar."})
    assert corrected.status_code == 302 and Contribution.objects.get().text == "Kortare svar."


def test_a_sending_refused_by_the_action_keeps_the_key_free(client: Any) -> None:
    entry = closed_entry_point()
    log_in(client, officer())
    data = {"intresse-actor": AGENCY, "intresse-once": "ab" * 16}
    assert client.post(url("interest", entry.pk), data).status_code == 409
    entry.closes_on = timezone.localdate()
    entry.save(update_fields=["closes_on"])  # the region reopens it
    assert client.post(url("interest", entry.pk), data).status_code == 302
    assert Contribution.objects.count() == 1
