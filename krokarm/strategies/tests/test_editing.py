"""A region's editors manage their process: change a phase, add one, publish and change entry points. Who may,
what is audited, and who is told (the region's followers).

Personas: the owner (an editor of Region Östergötland), a plain member of the region, an editor of another
region (Region Skåne), an agency officer and an anonymous visitor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification
from krokarm.strategies.models import EntryPoint, Phase
from krokarm.strategies.tests.factories import (
    AGENCY,
    REGION,
    actor,
    log_in,
    officer,
    open_entry_point,
    phase,
    process,
    region_editor,
    region_member,
    url,
)

pytestmark = pytest.mark.django_db


def follower() -> Any:
    user = officer("csn")
    with zeal_ignore():
        from django.db import transaction

        with transaction.atomic():
            follow(user, actor(REGION), source="test")
    return user


def entry_data(phase_pk: int, **changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "phase": str(phase_pk),
        "kind": "dialog",
        "title": "Dialog om kompetensförsörjning",
        "description": "Kom och diskutera.",
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=14)).isoformat(),
        "contact_name": "Rut",
        "contact_email": "rut@example.se",
        "invited": [AGENCY, "skolverket"],
        "themes": ["kompetensforsorjning"],
        **changes,
    }


def test_an_editor_sees_the_edit_link_and_the_process(client: Any) -> None:
    log_in(client, region_editor())
    assert "Ändra faser och ingångar" in client.get(url("region", REGION)).text
    response = client.get(url("manage", REGION))
    assert response.status_code == 200 and "Remiss och samråd" in response.text


def test_the_manage_page_has_a_fixed_query_budget(client: Any, django_assert_num_queries: Any) -> None:
    for days in (3, 9, 12):
        open_entry_point(closes_in_days=days)
    log_in(client, region_editor())
    with django_assert_num_queries(12):  # the same with one entry point or a hundred
        client.get(url("manage", REGION))


def test_an_editor_changes_a_phase_and_followers_are_told(client: Any) -> None:
    watcher = follower()
    editor = region_editor()
    log_in(client, editor)
    remiss = phase()
    assert client.get(url("edit_phase", REGION, remiss.pk)).status_code == 200
    data = {"starts_on": "2025-02-01", "ends_on": "2025-03-31", "planned": "on", "note": "Remissen skickades ut."}
    response = client.post(url("edit_phase", REGION, remiss.pk), data)
    assert response.status_code == 302 and response["Location"] == url("manage", REGION)
    remiss.refresh_from_db()
    assert str(remiss.starts_on) == "2025-02-01" and remiss.planned and remiss.note == "Remissen skickades ut."
    audit = AuditEntry.objects.get(action="phase.updated", target_id=str(remiss.pk))
    assert audit.user == editor and audit.organisation.slug == REGION and "starts_on" in audit.changes
    notice = Notification.objects.get(user=watcher)
    assert "har ändrat fasen ”Remiss och samråd”" in notice.text and notice.url == url("region", REGION)
    assert not Notification.objects.filter(user=editor).exists()


def test_a_phase_cannot_end_before_it_starts(client: Any) -> None:
    log_in(client, region_editor())
    response = client.post(url("edit_phase", REGION, phase().pk), {"starts_on": "2025-04-01", "ends_on": "2025-03-01"})
    assert response.status_code == 400 and "Slutdatumet kan inte vara före startdatumet." in response.text


def test_an_editor_adds_a_phase_the_process_does_not_have(client: Any) -> None:
    watcher = follower()
    log_in(client, region_editor())
    proc = process()
    page = client.get(url("add_phase", REGION, proc.pk))
    assert 'value="remiss"' not in page.text and 'value="beslut"' in page.text
    response = client.post(
        url("add_phase", REGION, proc.pk), {"kind": "beslut", "starts_on": "2026-06-01", "planned": "on"}
    )
    assert response.status_code == 302
    added = Phase.objects.get(process=proc, kind="beslut")
    assert added.planned and AuditEntry.objects.filter(action="phase.created", target_id=str(added.pk)).exists()
    assert "har lagt till fasen ”Beslut”" in Notification.objects.get(user=watcher).text
    again = client.post(url("add_phase", REGION, proc.pk), {"kind": "remiss"})
    assert again.status_code == 400 and "Välj en fas som processen inte har än." in again.text


def test_an_editor_publishes_an_entry_point_and_followers_are_told(client: Any) -> None:
    watcher = follower()
    editor = region_editor()
    log_in(client, editor)
    remiss = phase()
    assert client.get(url("add_entry_point", REGION)).status_code == 200
    response = client.post(url("add_entry_point", REGION), entry_data(remiss.pk))
    entry = EntryPoint.objects.get(title="Dialog om kompetensförsörjning")
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert sorted(entry.invited.values_list("slug", flat=True)) == [AGENCY, "skolverket"]
    assert AuditEntry.objects.get(action="entrypoint.created", target_id=str(entry.pk)).user == editor
    notice = Notification.objects.get(user=watcher)
    assert "vill att myndigheter bidrar: ”Dialog om kompetensförsörjning”" in notice.text
    assert notice.url == entry.get_absolute_url()


def test_an_entry_point_cannot_close_before_it_opens(client: Any) -> None:
    log_in(client, region_editor())
    data = entry_data(phase().pk, opens_on="2026-05-01", closes_on="2026-04-01", title="  ")
    response = client.post(url("add_entry_point", REGION), data)
    assert response.status_code == 400
    assert "Sista dagen kan inte vara före den dag ingången öppnar." in response.text
    assert "Skriv en rubrik." in response.text
    assert not EntryPoint.objects.filter(opens_on="2026-05-01").exists()


def test_an_editor_changes_an_entry_point_and_a_new_deadline_allows_a_new_reminder(client: Any) -> None:
    entry = open_entry_point()
    EntryPoint.objects.filter(pk=entry.pk).update(reminded_at=timezone.now())
    log_in(client, region_editor())
    assert client.get(url("edit_entry_point", REGION, entry.pk)).status_code == 200
    later = (entry.closes_on + dt.timedelta(days=7)).isoformat()
    data = entry_data(entry.phase_id, title="Ny rubrik", closes_on=later, opens_on=entry.opens_on.isoformat())
    response = client.post(url("edit_entry_point", REGION, entry.pk), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Ny rubrik" and entry.closes_on.isoformat() == later and entry.reminded_at is None
    changes = AuditEntry.objects.get(action="entrypoint.updated", target_id=str(entry.pk)).changes
    assert changes["title"][1] == "Ny rubrik" and "invited" in changes


@pytest.mark.parametrize("persona", ["member", "other region", "officer"])
def test_only_the_regions_editors_change_its_process(client: Any, persona: str) -> None:
    entry = open_entry_point()
    remiss = phase()
    users: dict[str, Callable[[], Any]] = {
        "member": region_member,
        "other region": lambda: region_editor("region-skane"),
        "officer": officer,
    }
    log_in(client, users[persona]())
    assert client.get(url("manage", REGION)).status_code == 403
    assert client.post(url("edit_phase", REGION, remiss.pk), {"note": "Kapat"}).status_code == 403
    assert client.post(url("add_phase", REGION, remiss.process_id), {"kind": "beslut"}).status_code == 403
    assert client.post(url("add_entry_point", REGION), entry_data(remiss.pk)).status_code == 403
    assert client.post(url("edit_entry_point", REGION, entry.pk), entry_data(remiss.pk)).status_code == 403
    remiss.refresh_from_db()
    assert remiss.note != "Kapat" and not Phase.objects.filter(kind="beslut", process=remiss.process).exists()
    assert "Ändra faser och ingångar" not in client.get(url("region", REGION)).text


def test_an_editor_of_another_region_cannot_reach_this_regions_rows_through_their_own(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, region_editor("region-skane"))
    assert client.get(url("manage", "region-skane")).status_code == 200
    assert client.get(url("edit_phase", "region-skane", phase().pk)).status_code == 404
    assert client.get(url("edit_entry_point", "region-skane", entry.pk)).status_code == 404
    assert client.post(url("add_entry_point", "region-skane"), entry_data(phase().pk)).status_code == 400


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    response = client.get(url("manage", REGION))
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_an_unknown_region_is_404_and_wrong_methods_405(client: Any) -> None:
    log_in(client, region_editor())
    assert client.get(url("manage", "atlantis")).status_code == 404
    assert client.post(url("manage", REGION)).status_code == 405
