"""Publishing, changing and closing a need, answering it and replying: who may, and what happens to the others.

Personas: the owner (an editor of Region Östergötland), a member of another organisation (an editor of
Region Skåne, an officer of CSN), a plain member of the region, and an anonymous visitor.
"""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory
from krokarm.audit.models import AuditEntry
from krokarm.needs import actions
from krokarm.needs.models import Answer, Need
from krokarm.needs.tests.factories import (
    AGENCY,
    REGION,
    log_in,
    make_answer,
    make_need,
    officer,
    person,
    region_editor,
    url,
)

pytestmark = pytest.mark.django_db

NEW_NEED = {
    "region": REGION,
    "title": "Fler lärare i yrkesvux",
    "description": "Kommunerna i länet saknar yrkeslärare.",
    "themes": ["kompetensforsorjning"],
    "needed_by": "2027-06-30",
    "invited": [AGENCY, "skolverket"],
}


def assert_sent_to_sign_in(response: Any) -> None:
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


# Publishing


def test_a_region_editor_publishes_a_need(client: Any) -> None:
    editor = region_editor()
    log_in(client, editor)
    assert client.get(f"{url('create')}?region={REGION}").status_code == 200
    response = client.post(url("create"), NEW_NEED)
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.region.slug == REGION and need.created_by == editor and str(need.needed_by) == "2027-06-30"
    assert sorted(need.invited.values_list("slug", flat=True)) == [AGENCY, "skolverket"]
    assert AuditEntry.objects.filter(action="need.created", organisation=need.region).exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_before_publishing(client: Any) -> None:
    assert_sent_to_sign_in(client.get(url("create")))
    assert_sent_to_sign_in(client.post(url("create"), NEW_NEED))
    assert not Need.objects.exists()


@pytest.mark.parametrize("persona", ["officer", "member"])
def test_people_who_edit_for_no_region_may_not_publish(client: Any, persona: str) -> None:
    user = officer() if persona == "officer" else person(REGION, Affiliation.Role.MEMBER)
    log_in(client, user)
    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), NEW_NEED).status_code == 403
    assert not Need.objects.exists()


def test_an_editor_of_another_region_may_not_publish_for_this_one(client: Any) -> None:
    log_in(client, region_editor("region-skane"))
    assert client.get(f"{url('create')}?region={REGION}").status_code == 403
    response = client.post(url("create"), NEW_NEED)
    assert response.status_code == 400 and "Välj en region du är redaktör för." in response.text
    assert not Need.objects.exists()


def test_publishing_without_a_title_says_what_is_missing(client: Any) -> None:
    log_in(client, region_editor())
    response = client.post(url("create"), {**NEW_NEED, "title": "", "needed_by": "i morgon"})
    assert response.status_code == 400
    assert "Skriv en rubrik." in response.text and "Skriv ett datum så här: 2026-12-31." in response.text
    assert not Need.objects.exists()


def test_the_create_form_allows_only_get_and_post(client: Any) -> None:
    log_in(client, region_editor())
    assert client.put(url("create")).status_code == 405


# Changing and closing


def test_the_owner_changes_the_need(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    assert client.get(url("edit", need.pk)).status_code == 200
    data = {**NEW_NEED, "title": "Ny rubrik"}
    del data["region"]
    response = client.post(url("edit", need.pk), data)
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Ny rubrik" and need.region.slug == REGION
    assert AuditEntry.objects.filter(action="need.updated").count() == 1


def test_changing_with_errors_keeps_the_need(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    response = client.post(url("edit", need.pk), {"title": "", "description": ""})
    assert response.status_code == 400 and "Beskriv behovet." in response.text
    need.refresh_from_db()
    assert need.title == "Fler undersköterskor i länet"


def test_the_owner_closes_the_need(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    response = client.post(url("close", need.pk))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED


@pytest.mark.parametrize("persona", ["other region", "officer", "region member"])
def test_others_may_not_change_or_close_the_need(client: Any, persona: str) -> None:
    need = make_need()
    if persona == "other region":
        user = region_editor("region-skane")
    else:
        user = officer() if persona == "officer" else person(REGION, Affiliation.Role.MEMBER)
    log_in(client, user)
    with zeal_ignore():  # three requests for the same need, on purpose
        assert client.get(url("edit", need.pk)).status_code == 403
        assert client.post(url("edit", need.pk), {**NEW_NEED, "title": "Kapat"}).status_code == 403
        assert client.post(url("close", need.pk)).status_code == 403
    need.refresh_from_db()
    assert need.title == "Fler undersköterskor i länet" and need.status == Need.Status.OPEN


def test_an_anonymous_visitor_may_not_change_or_close_the_need(client: Any) -> None:
    need = make_need()
    assert_sent_to_sign_in(client.get(url("edit", need.pk)))
    assert_sent_to_sign_in(client.post(url("close", need.pk)))


def test_an_unknown_need_is_a_404_for_its_editors_too(client: Any) -> None:
    log_in(client, region_editor())
    assert client.get(url("edit", 999999)).status_code == 404
    assert client.post(url("close", 999999)).status_code == 404


def test_closing_is_post_only(client: Any) -> None:
    need = make_need()
    log_in(client, region_editor())
    assert client.get(url("close", need.pk)).status_code == 405


# Answering


def test_an_officer_answers_for_their_organisation(client: Any) -> None:
    need = make_need()
    user = officer()
    log_in(client, user)
    response = client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "erbjudande", "text": "Vi kan!"})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.actor.slug == AGENCY and answer.author == user and answer.text == "Vi kan!"


def test_someone_who_works_for_two_organisations_chooses_which(client: Any) -> None:
    need = make_need()
    user = officer()
    with zeal_ignore():
        from krokarm.accounts.actions import affiliate
        from krokarm.actors.models import Actor

        affiliate(user, Actor.objects.get(slug="csn"), source="test")
    log_in(client, user)
    page = client.get(need.get_absolute_url()).text
    assert "Svara för" in page and "Centrala studiestödsnämnden" in page
    client.post(url("answer", need.pk), {"actor": "csn", "kind": "intresse", "text": "Intressant."})
    assert Answer.objects.get().actor.slug == "csn"


def test_nobody_answers_for_an_organisation_they_do_not_belong_to(client: Any) -> None:
    need = make_need()
    log_in(client, officer("csn"))
    response = client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "erbjudande", "text": "Vi kan!"})
    assert response.status_code == 400 and "Du kan bara svara för en organisation du tillhör." in response.text
    assert not Answer.objects.exists()


def test_someone_who_works_for_no_organisation_may_not_answer(client: Any) -> None:
    need = make_need()
    log_in(client, UserFactory.create())
    response = client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "erbjudande", "text": "Hej"})
    assert response.status_code == 403 and not Answer.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_before_answering(client: Any) -> None:
    need = make_need()
    assert_sent_to_sign_in(client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "fraga", "text": "Hej"}))
    assert not Answer.objects.exists()


def test_an_answer_without_text_or_kind_says_what_is_missing(client: Any) -> None:
    need = make_need()
    log_in(client, officer())
    response = client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "", "text": ""})
    assert response.status_code == 400
    assert "Skriv ert svar." in response.text and "Välj om det är ett erbjudande" in response.text


def test_a_closed_need_refuses_answers(client: Any) -> None:
    need = make_need()
    with zeal_ignore():
        actions.close_need(need, user=None)
    log_in(client, officer())
    response = client.post(url("answer", need.pk), {"actor": AGENCY, "kind": "fraga", "text": "Hej"})
    assert response.status_code == 409 and not Answer.objects.exists()


def test_answering_is_post_only(client: Any) -> None:
    need = make_need()
    log_in(client, officer())
    assert client.get(url("answer", need.pk)).status_code == 405


# Replying


def reply_data(answer: Answer, text: str = "Tack, vi hör av oss.") -> dict[str, str]:
    return {f"svar-{answer.pk}-reply": text}


def test_the_owner_replies_to_an_answer_and_everyone_sees_it(client: Any) -> None:
    answer = make_answer(make_need())
    log_in(client, region_editor())
    response = client.post(url("reply", answer.need_id, answer.pk), reply_data(answer))
    assert response.status_code == 302 and response["Location"].endswith(f"#svar-{answer.pk}")
    answer.refresh_from_db()
    assert answer.reply == "Tack, vi hör av oss."
    client.logout()
    assert "Tack, vi hör av oss." in client.get(answer.need.get_absolute_url()).text


def test_an_empty_reply_says_what_is_missing(client: Any) -> None:
    answer = make_answer(make_need())
    log_in(client, region_editor())
    response = client.post(url("reply", answer.need_id, answer.pk), reply_data(answer, ""))
    assert response.status_code == 400 and "Skriv regionens svar." in response.text


@pytest.mark.parametrize("persona", ["other region", "answering officer"])
def test_others_may_not_reply(client: Any, persona: str) -> None:
    need = make_need()
    author = officer()
    answer = make_answer(need, user=author)
    log_in(client, region_editor("region-skane") if persona == "other region" else author)
    assert client.post(url("reply", need.pk, answer.pk), reply_data(answer)).status_code == 403
    answer.refresh_from_db()
    assert answer.reply == ""


def test_an_answer_to_another_regions_need_cannot_be_replied_to_through_ones_own(client: Any) -> None:
    own, other = make_need(), make_need("region-skane", title="Skånes behov")
    answer = make_answer(other)
    log_in(client, region_editor())
    assert client.post(url("reply", own.pk, answer.pk), reply_data(answer)).status_code == 404
    answer.refresh_from_db()
    assert answer.reply == ""


def test_an_anonymous_visitor_may_not_reply(client: Any) -> None:
    answer = make_answer(make_need())
    assert_sent_to_sign_in(client.post(url("reply", answer.need_id, answer.pk), reply_data(answer)))


def test_replying_is_post_only(client: Any) -> None:
    answer = make_answer(make_need())
    log_in(client, region_editor())
    assert client.get(url("reply", answer.need_id, answer.pk)).status_code == 405
