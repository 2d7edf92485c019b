"""Needs elsewhere: the inbox section for invited organisations, the region page, comments and the data download."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts import personal_data
from krokarm.comments.actions import post_comment
from krokarm.needs import actions
from krokarm.needs.tests.factories import log_in, make_answer, make_need, officer, region_editor

pytestmark = pytest.mark.django_db

SECTION = "Behov där ni är inbjudna"


def test_the_inbox_shows_open_needs_that_invite_the_officers_organisation(client: Any) -> None:
    invited = make_need(title="Inbjudna behovet", invited=("arbetsformedlingen",))
    make_need(title="Andras behov", invited=("csn",))
    closed = make_need(title="Stängda behovet", invited=("arbetsformedlingen",))
    with zeal_ignore():
        actions.close_need(closed, user=None)
    text = log_in(client, officer()).get(reverse("cases:inbox")).text
    assert SECTION in text and "Inbjudna behovet" in text and invited.get_absolute_url() in text
    assert "Andras behov" not in text and "Stängda behovet" not in text


def test_an_organisation_that_is_not_invited_sees_no_section(client: Any) -> None:
    make_need(invited=("arbetsformedlingen",))
    assert SECTION not in log_in(client, officer("csn")).get(reverse("cases:inbox")).text


@pytest.mark.parametrize("needs", [1, 3])
def test_the_inbox_reads_the_invited_needs_in_one_query(
    client: Any, django_assert_num_queries: Any, needs: int
) -> None:
    for n in range(needs):
        make_need(title=f"Behov {n}")
    log_in(client, officer())
    # session, user, roles, the inbox's organisations, cases count, invited needs, the header's coordinator check
    # and unread notifications, the session's renewal (3)
    with django_assert_num_queries(11):
        client.get(reverse("cases:inbox"))


def test_the_region_page_lists_the_regions_open_needs(client: Any) -> None:
    need = make_need(title="Östgötskt behov")
    make_need("region-skane", title="Skånskt behov")
    text = client.get(reverse("regions:detail", args=["ostergotlands-lan"])).text
    assert "Regionens behov" in text and "Östgötskt behov" in text and need.get_absolute_url() in text
    assert "Skånskt behov" not in text and "Publicera ett behov för regionen" not in text


def test_the_region_page_offers_its_editors_to_publish_a_need(client: Any) -> None:
    log_in(client, region_editor())
    text = client.get(reverse("regions:detail", args=["ostergotlands-lan"])).text
    assert "/behov/ny/?region=region-ostergotland" in text
    assert "/behov/ny/" not in client.get(reverse("regions:detail", args=["skane-lan"])).text


def test_a_need_takes_comments_and_links_to_its_thread(client: Any) -> None:
    need = make_need()
    with zeal_ignore():
        post_comment(need, user=officer(), text="Bra initiativ!")
    thread = client.get(f"/kommentarer/behov/{need.pk}/")
    assert thread.status_code == 200 and "Bra initiativ!" in thread.text and need.title in thread.text
    assert "Kommentarer (1)" in client.get(need.get_absolute_url()).text


def test_the_data_download_holds_the_needs_published_and_the_answers_written() -> None:
    editor, author = region_editor(), officer()
    need = make_need(user=editor, title="Mitt behov")
    make_answer(need, user=author, text="Mitt svar")
    with zeal_ignore():
        published, written = personal_data.export(editor)["behov"], personal_data.export(author)["behov"]
    assert [n["title"] for n in published["needs"]] == ["Mitt behov"] and published["answers"] == []
    assert [a["text"] for a in written["answers"]] == ["Mitt svar"] and written["needs"] == []
    assert written["answers"][0]["written_for"] == "Arbetsförmedlingen"


def test_the_admin_lists_and_audits_needs(staff_client: Any) -> None:
    from krokarm.audit.models import AuditEntry

    need = make_need()
    make_answer(need)
    with zeal_ignore():  # the admin's own pages are not budgeted
        assert staff_client.get("/admin/needs/need/").status_code == 200
        assert staff_client.get("/admin/needs/answer/").status_code == 200
        page = staff_client.get(f"/admin/needs/need/{need.pk}/change/")
        assert page.status_code == 200
        form = page.context["adminform"].form
        data = {key: value for key, value in form.initial.items() if value is not None}
        data.update(
            {
                "title": "Ändrad i admin",
                "themes": [t.pk for t in need.themes.all()],
                "invited": [a.pk for a in need.invited.all()],
                "region": need.region_id,
                "created_by": "",
                "needed_by": "2026-12-31",
                "answers-TOTAL_FORMS": "1",
                "answers-INITIAL_FORMS": "1",
                "answers-MIN_NUM_FORMS": "0",
                "answers-MAX_NUM_FORMS": "1000",
                "answers-0-id": need.answers.get().pk,
                "answers-0-need": need.pk,
            }
        )
        response = staff_client.post(f"/admin/needs/need/{need.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert AuditEntry.objects.filter(action="need.updated", source="admin").exists()
