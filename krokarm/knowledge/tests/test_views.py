"""The pages: list and detail (public), forms (owner's editors), requests, reuses, the inbox and downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from zeal import zeal_ignore

from krokarm.knowledge.models import AccessRequest, Item, Reuse
from krokarm.knowledge.tests.factories import (
    OTHER,
    SECRET_LINK,
    answer,
    ask,
    editor,
    log_in,
    make_item,
    member,
    reuse,
    secret_item,
    url,
)
from krokarm.strategies import uploads

pytestmark = pytest.mark.django_db


def test_the_list_filters_on_kind_region_and_owner(client: Any) -> None:
    make_item(title="Stockholmsdata", kind=Item.Kind.DATASET, regions=("region-stockholm",))
    make_item("region-skane", title="Skånes metod", kind=Item.Kind.METHOD, regions=("region-skane",))
    text = client.get(f"{url('list')}?kind=dataset").text
    assert "Stockholmsdata" in text and "Skånes metod" not in text
    text = client.get(f"{url('list')}?region=region-skane").text
    assert "Skånes metod" in text and "Stockholmsdata" not in text
    text = client.get(f"{url('list')}?owner=region-skane&kind=metod").text
    assert "Skånes metod" in text and "Stockholmsdata" not in text


def test_the_list_reports_unknown_filters_and_has_an_empty_state(client: Any) -> None:
    response = client.get(f"{url('list')}?owner=atlantis&kind=dikt")
    assert response.status_code == 200
    assert "Välj en organisation i listan." in response.text and "Välj en typ i listan." in response.text
    empty = client.get(f"{url('list')}?kind=metod&owner=scb").text
    assert "Ingen kunskap matchar" in empty


def test_the_list_is_paginated(client: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    total = Item.objects.count()
    pages = (total + 1) // 2
    assert f"Sida 1 av {pages}" in client.get(url("list")).text


def test_the_list_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(3):
        reuse(make_item(title=f"Kunskap {n}"))
    client.get(url("list"))  # fills the cached theme choices
    # data version, theme versions, filter choices (regions, owners, challenges), count, page, themes, regions,
    # challenges: the same for 3 items as for 25
    with django_assert_max_num_queries(10):
        client.get(f"{url('list')}?sida=1")


def test_the_detail_page_runs_a_fixed_number_of_queries(client: Any, django_assert_max_num_queries: Any) -> None:
    item = make_item()
    for slug in ("csn", "uhr", "myh"):
        reuse(item, slug)
    log_in(client, member())
    # the session and the person (4), the item, its tags (3), reuses, requests, organisations, comments,
    # following and the header: the same for 3 reuses as for 30
    with django_assert_max_num_queries(16):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200 and "Återanvänt av" in response.text


def test_a_link_shared_on_request_is_never_shown_to_others(client: Any) -> None:
    item = secret_item()
    assert SECRET_LINK not in client.get(item.get_absolute_url()).text
    log_in(client, member())
    page = client.get(item.get_absolute_url()).text
    assert SECRET_LINK not in page and "Kan vi ta del av detta?" in page
    assert SECRET_LINK not in client.get(url("list")).text


def test_the_owner_and_a_granted_organisation_see_the_link(client: Any) -> None:
    owner_editor = editor()
    item = secret_item()
    asker = member()
    assert SECRET_LINK in log_in(client, owner_editor).get(item.get_absolute_url()).text
    answer(ask(item, asker), owner_editor)
    assert SECRET_LINK in log_in(client, asker).get(item.get_absolute_url()).text
    colleague = member()
    assert SECRET_LINK in log_in(client, colleague).get(item.get_absolute_url()).text


def test_a_file_shared_on_request_is_served_only_to_those_allowed(client: Any) -> None:
    owner_editor = editor()
    with zeal_ignore():
        from krokarm.knowledge import actions

        upload = SimpleUploadedFile("analys.pdf", uploads.sample("pdf"), content_type="application/pdf")
        item = actions.create_item(
            owner=owner_editor.affiliations.get().actor,
            user=owner_editor,
            kind=Item.Kind.ANALYSIS,
            title="Analys med fil",
            summary="Sammanfattning.",
            attachment=(upload, uploads.KINDS["pdf"]),
            access=Item.Access.ON_REQUEST,
        )
    assert client.get(url("download", item.pk)).status_code == 404
    asker = member()
    assert log_in(client, asker).get(url("download", item.pk)).status_code == 404
    answer(ask(item, asker), owner_editor)
    response = log_in(client, asker).get(url("download", item.pk))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_editor_shares_an_item(client: Any) -> None:
    log_in(client, editor())
    data = {
        "owner": "arbetsformedlingen",
        "kind": "analys",
        "title": "Ny analys",
        "summary": "Om länets arbetsmarknad.",
        "link": "https://example.se/analys",
        "access": "pa-begaran",
        "themes": ["prognoser-och-analys"],
    }
    response = client.post(url("create"), data)
    item = Item.objects.get(title="Ny analys")
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.access == Item.Access.ON_REQUEST and item.owner.slug == "arbetsformedlingen"


def test_form_errors_keep_the_input(client: Any) -> None:
    log_in(client, editor())
    response = client.post(url("create"), {"owner": "arbetsformedlingen", "kind": "analys", "title": "Min rubrik"})
    assert response.status_code == 400
    assert 'value="Min rubrik"' in response.text and "Skriv en sammanfattning." in response.text
    assert "Ange en länk eller bifoga en fil." not in response.text  # other errors first
    response = client.post(
        url("create"),
        {"owner": "arbetsformedlingen", "kind": "analys", "title": "Min rubrik", "summary": "Text", "access": "oppen"},
    )
    assert response.status_code == 400 and "Ange en länk eller bifoga en fil." in response.text


def test_a_false_pdf_is_refused(client: Any) -> None:
    log_in(client, editor())
    fake = SimpleUploadedFile("rapport.pdf", b"inte en pdf", content_type="application/pdf")
    data = {"owner": "arbetsformedlingen", "kind": "rapport", "title": "R", "summary": "S", "access": "oppen"}
    response = client.post(url("create"), {**data, "attachment": fake})
    assert response.status_code == 400 and "inte en riktig PDF-fil" in response.text
    assert not Item.objects.filter(title="R").exists()


def test_asking_for_access_from_the_page(client: Any) -> None:
    item = secret_item()
    log_in(client, member())
    response = client.post(url("request", item.pk), {"fraga-actor": OTHER, "fraga-message": "Tack!"})
    assert response.status_code == 302
    assert AccessRequest.objects.get(item=item).message == "Tack!"
    again = client.post(url("request", item.pk), {"fraga-actor": OTHER, "fraga-message": "Igen"})
    assert again.status_code == 409 and "väntar på svar" in again.text
    assert AccessRequest.objects.filter(item=item).count() == 1


def test_the_owner_answers_in_the_inbox(client: Any) -> None:
    owner_editor = editor()
    item = secret_item()
    found = ask(item)
    log_in(client, owner_editor)
    inbox = client.get(url("inbox"))
    assert inbox.status_code == 200 and "Vi vill använda den." in inbox.text
    bad = client.post(url("answer", found.pk), {f"svar-{found.pk}-decision": "bevilja"})
    assert bad.status_code == 400 and "Skriv ett svar till organisationen." in bad.text
    ok = client.post(url("answer", found.pk), {f"svar-{found.pk}-decision": "bevilja", f"svar-{found.pk}-answer": "Ja"})
    assert ok.status_code == 302
    found.refresh_from_db()
    assert found.status == AccessRequest.Status.GRANTED


def test_recording_a_reuse_from_the_page(client: Any) -> None:
    item = make_item()
    log_in(client, member())
    response = client.post(url("reuse", item.pk), {"aterbruk-actor": OTHER, "aterbruk-text": "Vi använde den."})
    assert response.status_code == 302
    assert Reuse.objects.get(item=item).text == "Vi använde den."
    assert "Centrala studiestödsnämnden" in client.get(item.get_absolute_url()).text


def test_the_reuse_form_keeps_the_input_on_errors(client: Any) -> None:
    item = make_item()
    log_in(client, member())
    response = client.post(url("reuse", item.pk), {"aterbruk-actor": OTHER, "aterbruk-reused_on": "igår"})
    assert response.status_code == 400
    assert "Berätta kort hur ni använde kunskapen." in response.text and 'value="igår"' in response.text


@pytest.mark.parametrize("name", ["create", "inbox"])
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, name: str) -> None:
    response = client.get(url(name))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_another_organisation_cannot_manage_an_item(client: Any) -> None:
    item = make_item()
    log_in(client, editor("region-skane"))
    assert client.get(url("edit", item.pk)).status_code == 403
    assert client.post(url("delete", item.pk)).status_code == 403
    assert Item.objects.filter(pk=item.pk).exists()


def test_another_organisation_cannot_answer_a_request(client: Any) -> None:
    found = ask(secret_item())
    log_in(client, editor("region-skane"))
    data = {f"svar-{found.pk}-decision": "bevilja", f"svar-{found.pk}-answer": "Ja"}
    assert client.post(url("answer", found.pk), data).status_code == 404
    found.refresh_from_db()
    assert found.is_waiting


def test_the_owner_cannot_ask_or_reuse_its_own_item(client: Any) -> None:
    item = secret_item()
    log_in(client, editor())
    assert client.post(url("request", item.pk), {"fraga-message": "x"}).status_code == 403
    assert client.post(url("reuse", item.pk), {"aterbruk-text": "x"}).status_code == 403


def test_a_member_without_editing_rights_has_no_inbox(client: Any) -> None:
    log_in(client, member())
    assert client.get(url("inbox")).status_code == 403
    assert client.get(url("create")).status_code == 403


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("list", "post"),
        ("detail", "post"),
        ("request", "get"),
        ("reuse", "get"),
        ("answer", "get"),
        ("export-csv", "post"),
    ],
)
def test_wrong_methods_are_refused(client: Any, name: str, method: str) -> None:
    item = make_item()
    log_in(client, editor())
    args = {"list": (), "export-csv": (), "answer": (1,)}.get(name, (item.pk,))
    assert getattr(client, method)(url(name, *args)).status_code == 405


def test_an_editor_removes_an_item(client: Any) -> None:
    item = make_item()
    log_in(client, editor())
    assert "Vill du ta bort" in client.get(url("delete", item.pk)).text
    assert client.post(url("delete", item.pk)).status_code == 302
    assert not Item.objects.filter(pk=item.pk).exists()


def test_the_inbox_shows_only_the_users_own_organisations_requests(client: Any) -> None:
    ask(secret_item(), slug=OTHER)
    skane_item = secret_item(owner="region-skane")
    with zeal_ignore():
        skane_item.title = "Skånes interna analys"
        skane_item.save(update_fields=["title"])
    ask(skane_item, slug="uhr")
    text = log_in(client, editor()).get(url("inbox")).text
    assert "Intern analys" in text and "Skånes interna analys" not in text


def test_editing_replaces_the_file_and_keeps_a_link_or_file(client: Any) -> None:
    item = make_item()
    log_in(client, editor())
    data = {"kind": "rapport", "title": item.title, "summary": "Ny text", "access": "oppen", "link": ""}
    response = client.post(url("edit", item.pk), data)
    assert response.status_code == 400 and "Ange en länk eller bifoga en fil." in response.text
    upload = SimpleUploadedFile("ny.txt", b"Ny version.\n", content_type="text/plain")
    assert client.post(url("edit", item.pk), {**data, "attachment": upload}).status_code == 302
    item.refresh_from_db()
    assert item.attachment_name == "ny.txt" and item.link == "" and item.summary == "Ny text"
    assert client.get(url("download", item.pk)).status_code == 200
