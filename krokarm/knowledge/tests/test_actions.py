"""The actions: audit rows, notifications, the one open request per organisation and the refused cases."""

from __future__ import annotations

import pytest

from krokarm.audit.models import AuditEntry
from krokarm.knowledge import actions
from krokarm.knowledge.models import AccessRequest, Item
from krokarm.knowledge.tests.factories import (
    OTHER,
    actor,
    answer,
    ask,
    editor,
    make_item,
    member,
    reuse,
    secret_item,
)
from krokarm.notifications.actions import follow
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_sharing_an_item_is_audited_and_tells_the_owners_followers() -> None:
    fan = member()
    follow(fan, actor("arbetsformedlingen"))
    author = editor()
    item = make_item(user=author)
    entry = AuditEntry.objects.get(action="item.created", target_id=str(item.pk))
    assert entry.organisation == item.owner and entry.public and entry.changes["title"] == [None, item.title]
    assert Notification.objects.filter(user=fan, url=item.get_absolute_url()).count() == 1
    assert not Notification.objects.filter(user=author).exists()


def test_an_item_needs_a_link_or_a_file() -> None:
    with pytest.raises(actions.KnowledgeRefused):
        make_item(link="")
    assert not Item.objects.filter(title="Yrkesprognos för länet").exists()


def test_changing_an_item_audits_only_what_changed() -> None:
    item = make_item()
    changes = actions.update_item(
        item,
        user=editor(),
        kind=item.kind,
        title="Ny rubrik",
        summary=item.summary,
        themes=list(item.themes.all()),
        regions=[],
        link=item.link,
        access=item.access,
        published_on=None,
    )
    assert changes == {"title": ["Yrkesprognos för länet", "Ny rubrik"]}
    assert AuditEntry.objects.filter(action="item.updated", target_id=str(item.pk)).count() == 1


def test_removing_an_item_keeps_what_it_was_in_the_audit_log() -> None:
    item = make_item()
    actions.delete_item(item, user=editor())
    assert not Item.objects.filter(pk=item.pk).exists()
    entry = AuditEntry.objects.get(action="item.deleted", target_id=str(item.pk))
    assert entry.changes["title"] == ["Yrkesprognos för länet", None]


def test_a_request_is_private_audited_and_reaches_the_owners_editors() -> None:
    owner_editor = editor()
    item = secret_item()
    asker = member()
    found = ask(item, asker)
    assert found.status == AccessRequest.Status.WAITING
    entry = AuditEntry.objects.get(action="accessrequest.created", target_id=str(found.pk))
    assert not entry.public and entry.organisation == actor(OTHER)
    assert Notification.objects.filter(user=owner_editor, text__contains="Centrala studiestödsnämnden").exists()
    assert not Notification.objects.filter(user=asker).exists()


def test_one_open_request_per_organisation_and_item() -> None:
    item = secret_item()
    ask(item)
    with pytest.raises(actions.KnowledgeRefused, match="väntar på svar"):
        ask(item)
    assert AccessRequest.objects.filter(item=item).count() == 1


@pytest.mark.parametrize("case", ["open item", "own organisation", "not a member"])
def test_requests_that_are_refused(case: str) -> None:
    item = make_item() if case == "open item" else secret_item()
    user = member()
    target = {"open item": OTHER, "own organisation": "arbetsformedlingen", "not a member": "uhr"}[case]
    if case == "own organisation":
        user = editor()
    with pytest.raises(actions.KnowledgeRefused):
        actions.request_access(item, user=user, actor=actor(target))
    assert not AccessRequest.objects.exists()


def test_granting_tells_the_asker_and_is_audited_for_the_owner() -> None:
    owner_editor = editor()
    item = secret_item()
    asker = member()
    found = answer(ask(item, asker), owner_editor)
    assert found.status == AccessRequest.Status.GRANTED and found.answered_by == owner_editor
    entry = AuditEntry.objects.get(action="accessrequest.answered", target_id=str(found.pk))
    assert entry.organisation == item.owner and entry.changes["status"] == ["vantar", "beviljad"]
    assert Notification.objects.filter(user=asker, url=item.get_absolute_url()).exists()
    with pytest.raises(actions.KnowledgeRefused, match="redan besvarad"):
        answer(found, owner_editor)
    with pytest.raises(actions.KnowledgeRefused, match="redan fått"):
        ask(item)


def test_after_a_decline_the_organisation_may_ask_again() -> None:
    owner_editor = editor()
    item = secret_item()
    answer(ask(item), owner_editor, grant=False)
    assert ask(item).status == AccessRequest.Status.WAITING


def test_a_reuse_is_public_audited_and_tells_the_items_followers() -> None:
    author = editor()
    item = make_item(user=author)
    done = reuse(item)
    entry = AuditEntry.objects.get(action="reuse.created", target_id=str(done.pk))
    assert entry.public and entry.organisation == actor(OTHER)
    assert Notification.objects.filter(user=author, text__contains="återanvänt").exists()
    with pytest.raises(actions.KnowledgeRefused, match="redan berättat"):
        reuse(item)


def test_the_owner_cannot_reuse_its_own_item() -> None:
    item = make_item()
    with pytest.raises(actions.KnowledgeRefused):
        reuse(item, "arbetsformedlingen")


def test_the_personal_data_export_holds_the_persons_requests_and_reuses() -> None:
    from krokarm.accounts.personal_data import sections
    from krokarm.knowledge.personal_data import export

    assert "kunskap" in sections()
    asker = member()
    ask(secret_item(), asker)
    reuse(make_item(title="Återanvänd"), user=asker)
    section = export(asker)
    assert [r["item_title"] for r in section["requests"]] == ["Intern analys"]
    assert [r["item_title"] for r in section["reuses"]] == ["Återanvänd"]
    assert all(rows == [] for rows in export(member()).values())
