"""Two people changing the same need at once: nothing is silently overwritten, the second is told (409) and keeps
what they wrote; never a 500 (issue 14, points 2 and 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.lib.testing import at_once, returned
from krokarm.needs import actions
from krokarm.needs.models import Answer, Need
from krokarm.needs.tests.factories import AGENCY, REGION, log_in, make_answer, make_need, region_editor, url

EDIT = {
    "title": "Fler undersköterskor i länet",
    "description": "Vi behöver utbilda fler undersköterskor till vården i länet.",
    "themes": ["kompetensforsorjning"],
    "needed_by": "2026-12-31",
    "invited": [AGENCY],
}


# One after the other: a form sent from a page older than the need.


@pytest.mark.django_db
def test_a_stale_edit_form_is_refused_with_what_changed_and_keeps_the_text(client: Client) -> None:
    need = make_need()
    editor = region_editor()
    log_in(client, editor)
    seen = client.get(url("edit", need.pk)).context["form"]["version"].value()
    with zeal_ignore():
        actions.update_need(need, user=editor, **{**values(need), "title": "Undersköterskor till äldreomsorgen"})
    mine = {**EDIT, "description": "Min nya beskrivning av behovet.", "version": seen}
    response = client.post(url("edit", need.pk), mine)
    assert response.status_code == 409
    assert "Någon annan har sparat en ändring medan du skrev" in response.text
    assert "Undersköterskor till äldreomsorgen" in response.text  # what changed meanwhile
    assert "Min nya beskrivning av behovet.</textarea>" in response.text  # kept
    need.refresh_from_db()
    assert need.title == "Undersköterskor till äldreomsorgen" and need.version == 2
    # Sent again from the refused page, it saves over the version it now shows.
    again = client.post(url("edit", need.pk), {**mine, "version": response.context["form"]["version"].value()})
    assert again.status_code == 302
    need.refresh_from_db()
    assert need.description == "Min nya beskrivning av behovet." and need.version == 3


@pytest.mark.django_db
def test_an_edit_changes_only_what_was_changed_and_the_audit_row_says_exactly_that(client: Client) -> None:
    need = make_need()
    log_in(client, region_editor())
    response = client.post(url("edit", need.pk), {**EDIT, "invited": [AGENCY, "skolverket"], "version": 1})
    assert response.status_code == 302
    (row,) = AuditEntry.objects.filter(action="need.updated")
    assert row.changes == {"invited": [[AGENCY], [AGENCY, "skolverket"]]} and row.version == 2


@pytest.mark.django_db
def test_a_stale_reply_is_refused_with_the_other_reply_shown_and_keeps_the_text(client: Client) -> None:
    answer = make_answer(make_need())
    with zeal_ignore():
        actions.reply_to_answer(answer, user=region_editor(), text="Vi ringer er i morgon.")
    log_in(client, region_editor())
    prefix = f"svar-{answer.pk}"
    data = {f"{prefix}-reply": "Tack, vi hör av oss.", f"{prefix}-version": "1", f"{prefix}-once": "b" * 32}
    response = client.post(url("reply", answer.need_id, answer.pk), data)
    assert response.status_code == 409
    assert "Vi ringer er i morgon." in response.text and "Tack, vi hör av oss.</textarea>" in response.text
    answer.refresh_from_db()
    assert answer.reply == "Vi ringer er i morgon."  # kept: the first reply was not replaced unseen


@pytest.mark.django_db
def test_closing_a_need_closed_meanwhile_says_so_with_409(client: Client) -> None:
    need = make_need()
    editor = region_editor()
    with zeal_ignore():
        actions.close_need(need, user=editor)
    log_in(client, editor)
    response = client.post(url("close", need.pk))
    assert response.status_code == 409 and "Behovet är redan stängt." in response.text
    assert AuditEntry.objects.filter(action="need.closed").count() == 1


@pytest.mark.django_db
def test_an_answer_to_a_need_closed_while_it_was_written_is_refused_and_kept(client: Client) -> None:
    from krokarm.needs.tests.factories import officer

    need = make_need()
    log_in(client, officer())
    key = client.get(need.get_absolute_url()).context["answer_form"]["once"].value()
    with zeal_ignore():
        actions.close_need(need, user=region_editor())
    data = {"actor": AGENCY, "kind": Answer.Kind.OFFER, "text": "Vi kan hjälpa till.", "once": key}
    response = client.post(url("answer", need.pk), data)
    assert response.status_code == 409
    assert "Behovet är stängt och tar inte emot fler svar." in response.text
    assert "Vi kan hjälpa till.</textarea>" in response.text and not Answer.objects.exists()


def values(need: Need) -> dict[str, Any]:
    return {
        "title": need.title,
        "description": need.description,
        "needed_by": need.needed_by,
        "themes": list(need.themes.all()),
        "invited": list(need.invited.all()),
    }


# At the same instant: two requests on their own threads and connections, on a committed copy of the seeded database.


def editor_client() -> Client:
    return log_in(Client(), region_editor())


@pytest.mark.usefixtures("committed_db")
def test_two_editors_closing_at_once_get_one_success_and_one_409() -> None:
    need = make_need()
    first, second = editor_client(), editor_client()
    responses = returned(at_once(lambda: first.post(url("close", need.pk)), lambda: second.post(url("close", need.pk))))
    assert sorted(r.status_code for r in responses) == [302, 409]
    assert AuditEntry.objects.filter(action="need.closed").count() == 1  # closed once


@pytest.mark.usefixtures("committed_db")
def test_two_editors_saving_the_same_need_at_once_keep_one_change_and_tell_the_other() -> None:
    need = make_need()
    first, second = editor_client(), editor_client()
    responses = returned(
        at_once(
            lambda: first.post(url("edit", need.pk), {**EDIT, "title": "Första rubriken", "version": 1}),
            lambda: second.post(url("edit", need.pk), {**EDIT, "title": "Andra rubriken", "version": 1}),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409).text
    need.refresh_from_db()
    saved, lost = (
        ("Första rubriken", "Andra rubriken")
        if need.title == "Första rubriken"
        else ("Andra rubriken", "Första rubriken")
    )
    assert need.title == saved and need.version == 2
    assert f'value="{lost}"' in refused  # kept in the refused form, with what the other one saved
    (row,) = AuditEntry.objects.filter(action="need.updated")
    assert row.changes["title"][1] == saved  # the audit log matches what is stored


@pytest.mark.usefixtures("committed_db")
def test_a_need_published_twice_at_the_same_instant_is_one_need() -> None:
    editor = editor_client()
    data = {"region": REGION, "title": "Fler lärare", "description": "Yrkeslärare saknas.", "once": "c" * 32}
    responses = returned(at_once(lambda: editor.post(url("create"), data), lambda: editor.post(url("create"), data)))
    need = Need.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {need.get_absolute_url()}
