"""What people write in the knowledge bank is never lost: an edit made from an old version is refused with what
changed meanwhile and keeps the person's text, a form sent twice makes one thing, and an item removed while
others point at it is kept (retired) with its page saying so."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.comments.actions import post_comment
from krokarm.comments.registry import entry_for
from krokarm.knowledge import actions
from krokarm.knowledge.models import AccessRequest, Item, Reuse
from krokarm.knowledge.tests.factories import (
    OTHER,
    SECRET_LINK,
    ask,
    editor,
    log_in,
    make_item,
    member,
    reuse,
    secret_item,
    url,
)
from krokarm.notifications.actions import follow
from krokarm.search.models import Entry

pytestmark = pytest.mark.django_db


def form_data(item: Item, **values: Any) -> dict[str, Any]:
    data = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "themes": [t.slug for t in item.themes.all()],
        "link": item.link,
        "access": item.access,
        "version": str(item.version),
    }
    return {**data, **values}


def hidden(text: str, name: str) -> str:
    """The value of a hidden input on a page, as the browser would send it back."""
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', text) or re.search(
        rf'value="([^"]*)" name="{re.escape(name)}"', text
    )
    assert found, f"no hidden {name} on the page"
    return found.group(1)


def colleague_changes(item: Item, **values: Any) -> None:
    with zeal_ignore():
        current = {
            "kind": item.kind,
            "title": item.title,
            "summary": item.summary,
            "themes": list(item.themes.all()),
            "regions": [],
            "link": item.link,
            "access": item.access,
            "published_on": item.published_on,
        }
        actions.update_item(item, user=editor(), **{**current, **values})


# Edits from an old version


def test_a_stale_edit_form_is_refused_with_what_changed_and_keeps_the_text(client: Any) -> None:
    item = make_item()
    log_in(client, editor())
    page = client.get(url("edit", item.pk)).text
    version = hidden(page, "version")
    colleague_changes(item, summary="Kollegans nya sammanfattning.")
    mine = form_data(item, title="Min nya rubrik", version=version)
    response = client.post(url("edit", item.pk), mine)
    assert response.status_code == 409
    assert "Någon annan har sparat en ändring medan du skrev" in response.text
    assert "Det här sparades medan du skrev" in response.text and "Kollegans nya sammanfattning." in response.text
    assert 'value="Min nya rubrik"' in response.text  # what the person typed is still in the form
    item.refresh_from_db()
    assert (item.title, item.summary) == ("Yrkesprognos för länet", "Kollegans nya sammanfattning.")
    # Sent again from the refused page (which now carries the current version), it saves.
    again = {**mine, "version": hidden(response.text, "version")}
    assert client.post(url("edit", item.pk), again).status_code == 302
    item.refresh_from_db()
    assert item.title == "Min nya rubrik"


def test_a_stale_edit_with_a_new_file_stores_no_file_and_asks_for_it_again(client: Any, settings: Any) -> None:
    item = make_item()
    log_in(client, editor())
    colleague_changes(item, summary="Ändrad av en kollega.")
    upload = SimpleUploadedFile("ny.txt", b"Ny version.\n", content_type="text/plain")
    response = client.post(url("edit", item.pk), {**form_data(item, version="1"), "attachment": upload})
    assert response.status_code == 409 and "Välj filen igen" in response.text
    item.refresh_from_db()
    assert not item.attachment and item.version == 2
    folder = settings.MEDIA_ROOT / "kunskap"
    assert not any(path.name.endswith(".txt") for path in folder.rglob("*")) if folder.exists() else True


def test_the_audit_row_of_an_edit_holds_exactly_what_was_stored() -> None:
    item = make_item()
    colleague_changes(item, title="Ny rubrik", summary=item.summary)
    entry = AuditEntry.objects.get(target_type="knowledge.item", target_id=str(item.pk), action="item.updated")
    assert entry.changes == {"title": ["Yrkesprognos för länet", "Ny rubrik"]} and entry.version == 2


# Forms sent twice


def test_a_double_submitted_item_is_shared_once(client: Any) -> None:
    log_in(client, editor())
    page = client.get(url("create")).text
    data = {
        "owner": "arbetsformedlingen",
        "kind": "analys",
        "title": "Dubbelklickad analys",
        "summary": "Om länets arbetsmarknad.",
        "link": "https://example.se/analys",
        "access": "oppen",
        "once": hidden(page, "once"),
    }
    first = client.post(url("create"), data)
    second = client.post(url("create"), data)
    item = Item.objects.get(title="Dubbelklickad analys")  # one item
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == item.get_absolute_url()
    assert "Kunskapen var redan delad: formuläret skickades två gånger." in client.get(second["Location"]).text


def test_a_double_submitted_request_is_sent_once(client: Any) -> None:
    item = secret_item()
    log_in(client, member())
    page = client.get(item.get_absolute_url()).text
    data = {"fraga-actor": OTHER, "fraga-message": "Tack!", "fraga-once": hidden(page, "fraga-once")}
    assert client.post(url("request", item.pk), data).status_code == 302
    second = client.post(url("request", item.pk), data)
    assert second.status_code == 302  # the result of the first, not "already waiting"
    assert AccessRequest.objects.filter(item=item).count() == 1
    assert "Förfrågan var redan skickad: formuläret skickades två gånger." in client.get(second["Location"]).text


def test_a_double_submitted_reuse_is_told_once(client: Any) -> None:
    item = make_item()
    log_in(client, member())
    page = client.get(item.get_absolute_url()).text
    data = {"aterbruk-actor": OTHER, "aterbruk-text": "Vi använde den.", "aterbruk-once": hidden(page, "aterbruk-once")}
    assert client.post(url("reuse", item.pk), data).status_code == 302
    second = client.post(url("reuse", item.pk), data)
    assert second.status_code == 302  # the result of the first, not "already told"
    assert Reuse.objects.filter(item=item).count() == 1
    assert "Er berättelse var redan sparad" in client.get(second["Location"]).text


def test_a_double_submitted_answer_is_sent_once(client: Any) -> None:
    owner_editor = editor()
    found = ask(secret_item())
    log_in(client, owner_editor)
    prefix = f"svar-{found.pk}"
    once = hidden(client.get(url("inbox")).text, f"{prefix}-once")
    data = {f"{prefix}-decision": "bevilja", f"{prefix}-answer": "Varsågoda.", f"{prefix}-once": once}
    assert client.post(url("answer", found.pk), data).status_code == 302
    second = client.post(url("answer", found.pk), data)
    assert second.status_code == 302  # not "already answered": it was this person's own answer
    assert "Svaret var redan skickat: formuläret skickades två gånger." in client.get(second["Location"]).text
    assert AuditEntry.objects.filter(action="accessrequest.answered", target_id=str(found.pk)).count() == 1


def test_an_answer_after_a_colleagues_keeps_the_text_and_says_who_answered(client: Any) -> None:
    found = ask(secret_item())
    first, second = editor(), editor()
    with zeal_ignore():
        actions.answer_request(found, user=first, grant=True, answer="Ja, varsågoda.")
    log_in(client, second)
    prefix = f"svar-{found.pk}"
    data = {f"{prefix}-decision": "avsla", f"{prefix}-answer": "Tyvärr inte just nu."}
    response = client.post(url("answer", found.pk), data)
    assert response.status_code == 409
    assert "Förfrågan är redan besvarad av Erik Redaktör: beviljad. Ditt svar skickades inte." in response.text
    assert "Tyvärr inte just nu." in response.text  # the answer that was not sent is shown, not lost
    found.refresh_from_db()
    assert (found.status, found.answer) == (AccessRequest.Status.GRANTED, "Ja, varsågoda.")


# Removing an item others point at


def test_removing_an_item_others_reused_retires_it_and_its_page_says_so(client: Any) -> None:
    owner_editor = editor()
    item = make_item(title="Återanvänd metod")
    reuse(item)
    log_in(client, owner_editor)
    response = client.post(url("delete", item.pk), {"version": str(item.version)})
    assert response.status_code == 302
    assert "Sidan finns kvar på samma adress" in client.get(response["Location"]).text
    item = Item.all_objects.get(pk=item.pk)
    assert item.retired_at is not None and Reuse.objects.filter(item=item).count() == 1  # kept
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and "Gäller inte längre" in page.text
    assert "Centrala studiestödsnämnden" in page.text  # the reuse is still told
    assert url("edit", item.pk) not in page.text and item.link not in page.text
    assert "Återanvänd metod" not in client.get(url("list")).text
    assert client.get(url("edit", item.pk)).status_code == 404
    assert AuditEntry.objects.filter(action="item.retired", target_id=str(item.pk), user=owner_editor).exists()


def test_removing_an_item_nobody_points_at_deletes_it_and_the_audit_keeps_no_name(client: Any) -> None:
    author = editor()
    item = make_item(user=None)
    log_in(client, author)
    assert client.post(url("delete", item.pk), {"version": str(item.version)}).status_code == 302
    assert not Item.all_objects.filter(pk=item.pk).exists()
    entry = AuditEntry.objects.get(action="item.deleted", target_id=str(item.pk))
    assert entry.changes["title"] == ["Yrkesprognos för länet", None] and "created_by" not in entry.changes


def test_an_authors_own_follow_keeps_the_page_of_a_removed_item(client: Any) -> None:
    author = editor()
    item = make_item(user=author)  # the author follows what they share
    with zeal_ignore():
        assert actions.delete_item(item, user=author) == "retired"
    assert client.get(item.get_absolute_url()).status_code == 200


def test_a_delete_form_from_an_older_version_removes_nothing(client: Any) -> None:
    item = make_item()
    colleague_changes(item, title="Ändrad medan du tittade")
    log_in(client, editor())
    response = client.post(url("delete", item.pk), {"version": "1"})
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert "Inget togs bort" in client.get(response["Location"]).text
    assert Item.objects.filter(pk=item.pk).exists()


def test_a_removed_items_comment_thread_follow_and_file_behave(client: Any) -> None:
    owner_editor = editor()
    upload = SimpleUploadedFile("rapport.txt", b"Text.\n", content_type="text/plain")
    item = make_item()
    with zeal_ignore():
        from krokarm.strategies import uploads

        actions.update_item(
            item,
            user=owner_editor,
            kind=item.kind,
            title=item.title,
            summary=item.summary,
            themes=[],
            regions=[],
            link="",
            access=item.access,
            published_on=None,
            attachment=(upload, uploads.KINDS["txt"]),
        )
        post_comment(item, user=member(), text="Bra rapport.")
        actions.delete_item(item, user=owner_editor)
    thread = client.get(entry_for(item).thread_url(item))
    assert thread.status_code == 200 and "Bra rapport." in thread.text  # the comment is still there
    assert client.get(url("download", item.pk)).status_code == 404  # the file is no longer offered
    fan = member()
    with zeal_ignore():
        follow(fan, Item.all_objects.get(pk=item.pk))  # a follow still finds the item
    assert not Entry.objects.filter(kind="kunskap", key=str(item.pk)).exists()  # not found by search


def test_editing_after_a_colleague_removed_the_item_keeps_the_text(client: Any) -> None:
    item = make_item()
    reuse(item)
    log_in(client, editor())
    with zeal_ignore():
        actions.delete_item(item, user=editor())
    response = client.post(url("edit", item.pk), form_data(item, title="Det jag skrev"))
    assert response.status_code == 409
    assert "kunskapen har tagits bort ur kunskapsbanken medan du skrev" in response.text
    assert 'value="Det jag skrev"' in response.text


@pytest.mark.parametrize("action", ["request", "reuse"])
def test_asking_or_telling_about_a_removed_item_is_refused_and_keeps_the_text(client: Any, action: str) -> None:
    item = secret_item() if action == "request" else make_item()
    asker = member()
    log_in(client, asker)
    with zeal_ignore():
        follow(asker, item)
        actions.delete_item(item, user=editor())
    data = (
        {"fraga-actor": OTHER, "fraga-message": "Mitt meddelande"}
        if action == "request"
        else {"aterbruk-actor": OTHER, "aterbruk-text": "Mitt meddelande"}
    )
    response = client.post(url(action, item.pk), data)
    assert response.status_code == 409
    assert "har tagits bort ur kunskapsbanken" in response.text and "Mitt meddelande" in response.text
    assert not AccessRequest.objects.filter(item=item).exists() and not Reuse.objects.filter(item=item).exists()


def test_a_waiting_request_for_a_removed_item_can_still_be_declined(client: Any) -> None:
    owner_editor = editor()
    item = secret_item()
    found = ask(item)
    with zeal_ignore():
        actions.delete_item(item, user=owner_editor)
    log_in(client, owner_editor)
    inbox = client.get(url("inbox")).text
    assert "Borttagen ur kunskapsbanken" in inbox
    prefix = f"svar-{found.pk}"
    data = {f"{prefix}-decision": "avsla", f"{prefix}-answer": "Den finns inte längre."}
    assert client.post(url("answer", found.pk), data).status_code == 302
    found.refresh_from_db()
    assert found.status == AccessRequest.Status.DECLINED
    assert SECRET_LINK not in client.get(item.get_absolute_url()).text
