"""Registering interest, sending a contribution with files, the region's list and acknowledgement, and
downloading attachments: who may, what is refused (with a Swedish message, the text kept) and what is stored.

Personas: the owner (Arbetsförmedlingen's officer), the region's staff (an editor and a plain member of Region
Östergötland), another organisation (CSN), another region's editor, a coordinator and an anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.strategies import actions
from krokarm.strategies.models import Attachment, Contribution
from krokarm.strategies.tests.factories import (
    AGENCY,
    OTHER_AGENCY,
    REGION,
    actor,
    closed_entry_point,
    contribute,
    coordinator,
    log_in,
    officer,
    open_entry_point,
    region_editor,
    region_member,
    upcoming_entry_point,
    upload,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def post_contribution(client: Any, entry: Any, text: str = "Vi tillstyrker förslaget.", files: Any = None) -> Any:
    data: dict[str, Any] = {"bidrag-actor": AGENCY, "bidrag-text": text}
    if files is not None:
        data["bidrag-attachments"] = files
    return client.post(url("contribute", entry.pk), data)


def assert_sent_to_sign_in(response: Any) -> None:
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


# The entry point page


def test_an_anonymous_visitor_is_offered_to_sign_in_and_sees_no_contributions(client: Any) -> None:
    entry = open_entry_point()
    contribute(entry, text="Hemligt utkast")
    response = client.get(url("entry_point", entry.pk))
    assert response.status_code == 200
    assert "Logga in för att bidra" in response.text
    assert "Hemligt utkast" not in response.text and "Skicka bidrag" not in response.text


def test_an_officer_sees_both_forms_on_an_open_entry_point(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    response = client.get(url("entry_point", entry.pk))
    assert "Anmäl intresse" in response.text and "Skicka bidrag" in response.text
    assert "Du skickar för Arbetsförmedlingen." in response.text
    assert 'enctype="multipart/form-data"' in response.text


def test_someone_working_for_two_organisations_chooses_which_to_send_for(client: Any) -> None:
    from krokarm.accounts.actions import affiliate

    entry = open_entry_point()
    user = officer()
    affiliate(user, actor(OTHER_AGENCY), "member", source="test")
    log_in(client, user)
    response = client.get(url("entry_point", entry.pk))
    assert 'type="radio"' in response.text and "Centrala studiestödsnämnden" in response.text
    response = client.post(url("interest", entry.pk), {"intresse-actor": OTHER_AGENCY})
    assert response.status_code == 302
    assert Contribution.objects.get().actor.slug == OTHER_AGENCY


@pytest.mark.parametrize("make", [closed_entry_point, upcoming_entry_point])
def test_a_closed_or_upcoming_entry_point_offers_nothing_to_submit(client: Any, make: Any) -> None:
    entry = make()
    log_in(client, officer())
    response = client.get(url("entry_point", entry.pk))
    assert "Skicka bidrag" not in response.text and "Anmäl intresse" not in response.text
    if make is closed_entry_point:
        assert "stängde" in response.text


def test_the_entry_point_page_has_a_fixed_query_budget(client: Any, django_assert_num_queries: Any) -> None:
    entry = open_entry_point()
    contribute(entry, files=3)
    contribute(entry, files=2)
    log_in(client, officer())
    # entry point (3), session and user (2), roles, organisations, own contributions with files (2),
    # coordinator group, unread count, the session's idle-timeout stamp (3)
    with django_assert_num_queries(14):
        response = client.get(url("entry_point", entry.pk))
    assert response.text.count("svar-0.pdf") == 2


# Interest


def test_an_officer_registers_interest_with_a_short_note(client: Any) -> None:
    entry = open_entry_point()
    user = officer()
    log_in(client, user)
    response = client.post(url("interest", entry.pk), {"intresse-actor": AGENCY, "intresse-text": "Vi vill vara med."})
    assert response.status_code == 302 and response["Location"].endswith("#era-bidrag")
    contribution = Contribution.objects.get()
    assert contribution.kind == Contribution.Kind.INTEREST and contribution.author == user
    assert contribution.text == "Vi vill vara med." and contribution.actor.slug == AGENCY
    audit = AuditEntry.objects.get(action="contribution.created")
    assert audit.organisation == contribution.actor and audit.public is False
    page = client.get(url("entry_point", entry.pk))
    assert "Vi vill vara med." in page.text and "Intresseanmälan" in page.text


def test_interest_needs_no_text(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    assert client.post(url("interest", entry.pk), {"intresse-actor": AGENCY}).status_code == 302
    assert Contribution.objects.get().text == ""


def test_the_region_cannot_contribute_to_its_own_entry_point(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, region_editor())
    assert "Skicka bidrag" not in client.get(url("entry_point", entry.pk)).text
    assert client.post(url("interest", entry.pk), {"intresse-actor": REGION}).status_code == 403
    assert not Contribution.objects.exists()


def test_someone_without_an_organisation_may_not_contribute(client: Any) -> None:
    from krokarm.accounts.tests.factories import UserFactory

    entry = open_entry_point()
    log_in(client, UserFactory.create())
    assert "kopplat till en organisation" in client.get(url("entry_point", entry.pk)).text
    assert client.post(url("interest", entry.pk), {"intresse-actor": AGENCY}).status_code == 403
    assert post_contribution(client, entry).status_code == 403


def test_an_officer_cannot_send_for_an_organisation_they_do_not_work_for(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    response = client.post(url("interest", entry.pk), {"intresse-actor": OTHER_AGENCY})
    assert response.status_code == 400
    assert "Du kan bara skicka för en organisation du arbetar för." in response.text
    assert not Contribution.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_before_sending(client: Any) -> None:
    entry = open_entry_point()
    assert_sent_to_sign_in(client.post(url("interest", entry.pk), {"intresse-actor": AGENCY}))
    assert_sent_to_sign_in(post_contribution(client, entry))
    assert not Contribution.objects.exists()


def test_the_forms_only_take_post(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    assert client.get(url("interest", entry.pk)).status_code == 405
    assert client.get(url("contribute", entry.pk)).status_code == 405


# Contributions with files


def test_an_officer_sends_a_contribution_with_files_that_are_stored_privately(client: Any, settings: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    files = [
        upload("Remissvar AF.pdf"),
        upload("bilaga.docx", "docx"),
        upload("bilaga.odt", "odt"),
        upload("not.txt", "txt"),
    ]
    response = post_contribution(client, entry, files=files)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.kind == Contribution.Kind.CONTRIBUTION and contribution.text == "Vi tillstyrker förslaget."
    attachments = {a.name: a for a in contribution.attachments.all()}
    assert set(attachments) == {"Remissvar AF.pdf", "bilaga.docx", "bilaga.odt", "not.txt"}
    pdf = attachments["Remissvar AF.pdf"]
    assert pdf.content_type == "application/pdf" and pdf.size == len(upload().read())
    # Stored under MEDIA_ROOT with a random name: never the sender's name, never a public address.
    assert pdf.file.path.startswith(str(settings.MEDIA_ROOT)) and "Remissvar" not in pdf.file.name
    audit = AuditEntry.objects.get(action="contribution.created")
    assert audit.changes["attachments"][1] == sorted(attachments, key=list(attachments).index)
    page = client.get(url("entry_point", entry.pk))
    assert "Remissvar AF.pdf" in page.text and "Regionen har inte bekräftat" in page.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "har en filtyp vi inte tar emot"),
        ("falsk.pdf", b"<html>inte en pdf</html>", "är inte en riktig PDF-fil"),
        ("falsk.docx", b"PK\x03\x04 men ingen docx", "är inte en riktig Word (DOCX)-fil"),
        ("falsk.odt", None, "är inte en riktig OpenDocument (ODT)-fil"),
        ("binar.txt", b"\x00\x01\x02\x03", "är inte en riktig text (TXT)-fil"),
        ("tom.pdf", b"", "är tom"),
    ],
)
def test_files_of_the_wrong_kind_are_refused_and_the_text_is_kept(
    client: Any, name: str, content: bytes | None, message: str
) -> None:
    from krokarm.strategies import uploads

    entry = open_entry_point()
    log_in(client, officer())
    data = uploads.sample("docx") if content is None else content  # a DOCX named .odt
    text = "Ett långt och genomtänkt remissvar."
    response = post_contribution(client, entry, text=text, files=[SimpleUploadedFile(name, data)])
    assert response.status_code == 400
    assert message in response.text
    assert text in response.text and "Välj filerna igen" in response.text
    assert not Contribution.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(client: Any, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 100
    entry = open_entry_point()
    log_in(client, officer())
    big = upload(content=b"%PDF-1.4\n" + b"x" * 200)
    response = post_contribution(client, entry, files=[big])
    assert response.status_code == 400 and "är för stor" in response.text and "högst 100\xa0byte" in response.text
    assert not Contribution.objects.exists()


def test_more_than_five_files_are_refused(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    response = post_contribution(client, entry, files=[upload(f"{i}.pdf") for i in range(6)])
    assert response.status_code == 400 and "Skicka högst 5 filer (du valde 6)." in response.text
    assert not Contribution.objects.exists()


def test_a_text_over_10000_characters_is_refused_and_kept(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    response = post_contribution(client, entry, text="å" * 10_001)
    assert response.status_code == 400 and "Skriv högst 10000 tecken (nu 10001)." in response.text
    assert "å" * 10_001 in response.text


def test_an_empty_contribution_is_refused(client: Any) -> None:
    entry = open_entry_point()
    log_in(client, officer())
    response = post_contribution(client, entry, text="  ")
    assert response.status_code == 400 and "Skriv ert bidrag eller bifoga en fil." in response.text


def test_posting_to_a_closed_entry_point_says_so_and_keeps_the_text(client: Any) -> None:
    entry = closed_entry_point()
    log_in(client, officer())
    response = post_contribution(client, entry, text="Sent men väl", files=[upload()])
    assert response.status_code == 409
    assert "stängde" in response.text and "tar inte emot fler bidrag" in response.text
    response = client.post(url("interest", entry.pk), {"intresse-actor": AGENCY})
    assert response.status_code == 409
    assert not Contribution.objects.exists() and not Attachment.objects.exists()


def test_posting_to_an_upcoming_entry_point_is_refused(client: Any) -> None:
    entry = upcoming_entry_point()
    log_in(client, officer())
    response = post_contribution(client, entry)
    assert response.status_code == 409 and "har inte öppnat än" in response.text


def test_stored_files_are_removed_when_the_action_fails(settings: Any, tmp_path: Any) -> None:
    from krokarm.strategies import uploads

    entry = closed_entry_point()
    with pytest.raises(actions.ContributionRefused):
        actions.submit_contribution(
            entry, user=officer(), actor=actor(AGENCY), text="x", files=[(upload(), uploads.KINDS["pdf"])]
        )
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


# The region's list and acknowledgement


@pytest.mark.parametrize("persona", [region_editor, region_member, coordinator])
def test_the_regions_staff_and_coordinators_see_every_contribution(client: Any, persona: Any) -> None:
    entry = open_entry_point()
    contribute(entry, text="Arbetsförmedlingens svar")
    contribute(entry, slug=OTHER_AGENCY, text="CSN:s svar")
    log_in(client, persona())
    assert "Se alla bidrag" in client.get(url("entry_point", entry.pk)).text
    response = client.get(url("contributions", entry.pk))
    assert response.status_code == 200
    assert "Arbetsförmedlingens svar" in response.text and "CSN:s svar" in response.text
    assert ("Bekräfta mottagandet" in response.text) == (persona is not coordinator)


def test_the_list_has_a_fixed_query_budget(client: Any, django_assert_num_queries: Any) -> None:
    entry = open_entry_point()
    for slug in (AGENCY, OTHER_AGENCY, "skolverket"):
        contribute(entry, slug=slug, files=2)
    log_in(client, region_member())
    with django_assert_num_queries(13):  # the same, whatever the number of contributions and files
        assert client.get(url("contributions", entry.pk)).status_code == 200


@pytest.mark.parametrize("persona", ["officer", "other region"])
def test_others_may_not_see_the_list(client: Any, persona: str) -> None:
    entry = open_entry_point()
    contribute(entry)
    log_in(client, officer() if persona == "officer" else region_editor("region-skane"))
    assert client.get(url("contributions", entry.pk)).status_code == 403


def test_an_anonymous_visitor_is_asked_to_sign_in_for_the_list(client: Any) -> None:
    assert_sent_to_sign_in(client.get(url("contributions", open_entry_point().pk)))


def test_the_region_acknowledges_and_the_contributor_sees_it(client: Any) -> None:
    entry = open_entry_point()
    contribution = contribute(entry)
    member = region_member()
    log_in(client, member)
    reply = "Tack, vi har tagit emot ert remissvar."
    response = client.post(url("acknowledge", entry.pk, contribution.pk), {f"bidrag-{contribution.pk}-reply": reply})
    assert response.status_code == 302 and response["Location"].endswith(f"#bidrag-{contribution.pk}")
    contribution.refresh_from_db()
    assert contribution.acknowledged_at and contribution.acknowledged_by == member
    assert contribution.acknowledgement == reply
    audit = AuditEntry.objects.get(action="contribution.acknowledged")
    assert audit.organisation.slug == REGION and audit.public is False
    assert contribution.author is not None
    log_in(client, contribution.author)
    page = client.get(url("entry_point", entry.pk))
    assert "Mottaget av Region Östergötland" in page.text and reply in page.text


def test_acknowledging_twice_changes_only_the_reply(client: Any) -> None:
    entry = open_entry_point()
    contribution = contribute(entry)
    member, editor = region_member(), region_editor()
    with zeal_ignore():  # the same row, read again on purpose
        first = actions.acknowledge_contribution(contribution, user=member)
        second = actions.acknowledge_contribution(contribution, user=editor, reply="Tack!")
        assert second.acknowledged_at == first.acknowledged_at and second.acknowledged_by == member
        assert AuditEntry.objects.filter(action="contribution.acknowledged").count() == 2
        actions.acknowledge_contribution(contribution, user=member, reply="Tack!")
    assert AuditEntry.objects.filter(action="contribution.acknowledged").count() == 2


def test_a_too_long_acknowledgement_is_refused(client: Any) -> None:
    entry = open_entry_point()
    contribution = contribute(entry)
    log_in(client, region_member())
    response = client.post(
        url("acknowledge", entry.pk, contribution.pk), {f"bidrag-{contribution.pk}-reply": "x" * 2001}
    )
    assert response.status_code == 400 and "Skriv högst 2000 tecken" in response.text
    contribution.refresh_from_db()
    assert contribution.acknowledged_at is None


@pytest.mark.parametrize("persona", ["owner", "other organisation", "other region", "coordinator"])
def test_only_the_regions_staff_acknowledge(client: Any, persona: str) -> None:
    entry = open_entry_point()
    owner = officer()
    contribution = contribute(entry, user=owner)
    users: dict[str, Callable[[], Any]] = {
        "owner": lambda: owner,
        "other organisation": lambda: officer(OTHER_AGENCY),
        "other region": lambda: region_editor("region-skane"),
        "coordinator": coordinator,
    }
    log_in(client, users[persona]())
    assert client.post(url("acknowledge", entry.pk, contribution.pk), {}).status_code == 404
    contribution.refresh_from_db()
    assert contribution.acknowledged_at is None


def test_a_contribution_to_another_entry_point_is_404(client: Any) -> None:
    entry, other = open_entry_point(), open_entry_point(title="En annan")
    contribution = contribute(other)
    log_in(client, region_member())
    assert client.post(url("acknowledge", entry.pk, contribution.pk), {}).status_code == 404


# Downloads


@pytest.mark.parametrize("persona", ["owner", "colleague", "region member", "coordinator"])
def test_those_who_may_see_the_contribution_download_its_file(client: Any, persona: str) -> None:
    entry = open_entry_point()
    contribution = contribute(entry)
    attachment = contribution.attachments.get()
    users: dict[str, Callable[[], Any]] = {
        "owner": lambda: contribution.author,
        "colleague": officer,
        "region member": region_member,
        "coordinator": coordinator,
    }
    log_in(client, users[persona]())
    response = client.get(url("attachment", attachment.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="svar-0.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("persona", ["other organisation", "other region"])
def test_another_organisation_gets_404_for_a_file(client: Any, persona: str) -> None:
    attachment = contribute(open_entry_point()).attachments.get()
    log_in(client, officer(OTHER_AGENCY) if persona == "other organisation" else region_editor("region-skane"))
    assert client.get(url("attachment", attachment.pk)).status_code == 404
    assert client.get(url("attachment", 999_999)).status_code == 404


def test_another_organisation_does_not_see_someone_elses_contribution(client: Any) -> None:
    entry = open_entry_point()
    contribute(entry, text="Arbetsförmedlingens utkast")
    log_in(client, officer(OTHER_AGENCY))
    assert "Arbetsförmedlingens utkast" not in client.get(url("entry_point", entry.pk)).text


def test_an_anonymous_visitor_cannot_download(client: Any) -> None:
    attachment = contribute(open_entry_point()).attachments.get()
    assert_sent_to_sign_in(client.get(url("attachment", attachment.pk)))


def test_a_non_ascii_file_name_is_offered_safely(client: Any) -> None:
    entry = open_entry_point()
    user = officer()
    from krokarm.strategies import uploads

    contribution = actions.submit_contribution(
        entry,
        user=user,
        actor=actor(AGENCY),
        text="",
        files=[(upload('../../Svar "Östergötland".pdf'), uploads.KINDS["pdf"])],
    )
    attachment = contribution.attachments.get()
    assert attachment.name == 'Svar "Östergötland".pdf'
    log_in(client, user)
    disposition = client.get(url("attachment", attachment.pk))["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''") and "/" not in disposition


def _docx_unpacking_to(size: int) -> bytes:
    """A DOCX that is small on disk but whose one extra part unpacks to `size` bytes of zeros."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as part:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def test_a_small_docx_that_unpacks_to_200_mb_is_refused_and_the_text_is_kept(client: Any) -> None:
    bomb = _docx_unpacking_to(200 * 1024 * 1024)
    assert len(bomb) < 400 * 1024  # a few hundred kilobytes on disk
    entry = open_entry_point()
    log_in(client, officer())
    text = "Vårt remissvar, med bilaga."

    response = post_contribution(client, entry, text=text, files=[SimpleUploadedFile("svar.docx", bomb)])

    assert response.status_code == 400
    assert "packas upp till mer än vi tar emot" in response.text
    assert text in response.text
    assert not Contribution.objects.exists() and not Attachment.objects.exists()


def test_the_unpacked_limit_is_a_setting_and_an_ordinary_docx_is_within_it(settings: Any) -> None:
    from krokarm.strategies import uploads

    ordinary = uploads.sample("docx")
    kind = uploads.check("svar.docx", len(ordinary), ordinary[:8192], lambda: __import__("io").BytesIO(ordinary), 10**6)
    assert kind.extension == "docx"
    settings.ATTACHMENT_MAX_UNPACKED_BYTES = 10
    with pytest.raises(uploads.UploadRefused):
        uploads.check("svar.docx", len(ordinary), ordinary[:8192], lambda: __import__("io").BytesIO(ordinary), 10**6)
