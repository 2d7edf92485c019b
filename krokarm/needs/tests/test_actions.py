"""needs.actions: every change leaves a public audit row naming the organisation; refusals change nothing."""

from __future__ import annotations

import pytest
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.needs import actions
from krokarm.needs.models import Answer, Need
from krokarm.needs.tests.factories import AGENCY, REGION, actor, make_answer, make_need, officer, region_editor
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db


def audit_rows(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).select_related("organisation"))


def test_creating_a_need_records_a_public_audit_row_for_the_region() -> None:
    editor = region_editor()
    need = make_need(user=editor)
    (row,) = audit_rows("need.created")
    assert row.public and row.user == editor and row.organisation.slug == REGION
    assert row.target_id == str(need.pk) and row.changes["invited"] == [[], [AGENCY]]
    assert need.status == Need.Status.OPEN and need.created_by == editor


def test_creating_a_need_tells_the_regions_followers_but_not_the_author() -> None:
    editor, follower = region_editor(), officer()
    follow(follower, actor(REGION), source="test")
    follow(editor, actor(REGION), source="test")
    need = make_need(user=editor, title="Laddinfrastruktur")
    (notice,) = Notification.objects.filter(text__contains="publicerat")  # the invited agency's staff hear too
    assert notice.user == follower and notice.url == need.get_absolute_url()
    assert "Region Östergötland har publicerat ett nytt behov" in notice.text and "Laddinfrastruktur" in notice.text


def test_only_a_region_can_have_a_need() -> None:
    with pytest.raises(actions.NeedRefused):
        make_need(AGENCY)
    assert not Need.objects.exists()


def test_updating_records_exactly_what_changed() -> None:
    editor = region_editor()
    need = make_need(user=editor)
    changes = actions.update_need(
        need,
        user=editor,
        title="Fler sjuksköterskor",
        description=need.description,
        themes=[],
        needed_by=need.needed_by,
        invited=[actor(AGENCY), actor("csn")],
    )
    assert set(changes) == {"title", "themes", "invited"}
    (row,) = audit_rows("need.updated")
    assert row.changes["invited"] == [[AGENCY], [AGENCY, "csn"]] and row.organisation.slug == REGION
    need.refresh_from_db()
    assert need.title == "Fler sjuksköterskor" and not need.themes.exists()


def test_saving_without_changes_writes_nothing() -> None:
    need = make_need()
    themes, invited = list(need.themes.all()), list(need.invited.all())
    same = actions.update_need(
        need,
        user=None,
        title=need.title,
        description=need.description,
        needed_by=need.needed_by,
        themes=themes,
        invited=invited,
    )
    assert same == {}
    assert not audit_rows("need.updated")


def test_closing_is_recorded_once_and_a_second_close_is_refused_with_a_message() -> None:
    editor = region_editor()
    need = make_need(user=editor)
    with zeal_ignore():  # the same need twice, on purpose
        actions.close_need(need, user=editor)
        with pytest.raises(actions.NeedRefused, match="Behovet är redan stängt") as refused:
            actions.close_need(need, user=editor)
    assert refused.value.status == 409
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED and need.closed_at is not None and need.version == 2
    (row,) = audit_rows("need.closed")  # kept: the first close, recorded once
    assert row.changes["status"] == ["oppet", "stangt"] and row.version == 2


def test_an_answer_is_recorded_for_the_answering_organisation() -> None:
    need = make_need()
    user = officer()
    answer = make_answer(need, user=user)
    (row,) = audit_rows("answer.created")
    assert row.public and row.user == user and row.organisation.slug == AGENCY
    assert answer.author == user and answer.actor.slug == AGENCY and answer.kind == Answer.Kind.OFFER


def test_a_closed_need_refuses_answers() -> None:
    need = make_need()
    actions.close_need(need, user=None)
    with pytest.raises(actions.NeedRefused, match="stängt"):
        make_answer(need)
    assert not Answer.objects.exists()


def test_nobody_answers_for_an_organisation_they_do_not_work_for() -> None:
    need = make_need()
    with pytest.raises(actions.NeedRefused, match="organisation du tillhör"):
        actions.answer_need(need, user=officer("csn"), actor=actor(AGENCY), kind="erbjudande", text="Hej")
    assert not Answer.objects.exists()


def test_the_region_does_not_answer_its_own_need() -> None:
    need = make_need()
    with pytest.raises(actions.NeedRefused):
        actions.answer_need(need, user=region_editor(), actor=actor(REGION), kind="fraga", text="Hej")


@pytest.mark.parametrize(("text", "message"), [("   ", "Skriv ditt svar"), ("x" * 2001, "högst 2000 tecken")])
def test_an_empty_or_too_long_answer_is_refused(text: str, message: str) -> None:
    need = make_need()
    with pytest.raises(actions.NeedRefused, match=message):
        make_answer(need, text=text)


def test_an_unknown_kind_of_answer_is_refused() -> None:
    need = make_need()
    with pytest.raises(actions.NeedRefused):
        actions.answer_need(need, user=officer(), actor=actor(AGENCY), kind="hot", text="Hej")


def test_the_region_replies_and_the_audit_row_keeps_the_earlier_reply() -> None:
    editor = region_editor()
    answer = make_answer(make_need())
    with zeal_ignore():  # the same answer twice, on purpose
        actions.reply_to_answer(answer, user=editor, text="Tack, vi hör av oss.")
        actions.reply_to_answer(answer, user=editor, text="Vi bokar ett möte.")
    answer.refresh_from_db()
    assert answer.reply == "Vi bokar ett möte." and answer.replied_by == editor
    _first, second = AuditEntry.objects.filter(action="answer.replied").order_by("pk")
    assert second.changes == {"reply": ["Tack, vi hör av oss.", "Vi bokar ett möte."]}
    assert second.organisation_id == actor(REGION).pk


def test_the_regions_author_hears_of_each_answer_and_the_answerer_of_the_reply() -> None:
    editor, agency_officer = region_editor(), officer()
    need = make_need(user=editor, title="Analys av kompetensbehov")
    with zeal_ignore():
        answer = make_answer(need, user=agency_officer, text="Vi kan bidra med prognoser.")
        (to_region,) = Notification.objects.filter(user=editor)
        assert "har svarat på behovet ”Analys av kompetensbehov”" in to_region.text
        actions.reply_to_answer(answer, user=editor, text="Tack, vi hör av oss.")
    (invited,) = Notification.objects.filter(user=agency_officer, text__contains="bjuder in")
    (to_agency,) = Notification.objects.filter(user=agency_officer).exclude(pk=invited.pk)
    assert "Regionen har svarat" in to_agency.text and to_agency.url == need.get_absolute_url()
    assert not Notification.objects.filter(user=editor).exclude(pk=to_region.pk).exists()  # not told of own reply
