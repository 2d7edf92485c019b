"""An organisation invited to a need has its staff told, when the need is published and when it is invited
later, once (issue 17, point 4). Personas: the region's editor, the invited agency's officer, another agency's
officer."""

from __future__ import annotations

import pytest
from zeal import zeal_ignore

from krokarm.accounts.models import User
from krokarm.needs import actions
from krokarm.needs.tests.factories import actor, make_need, officer, region_editor
from krokarm.notifications.models import Notification

pytestmark = pytest.mark.django_db


def invitations(user: User) -> list[Notification]:
    return list(Notification.objects.filter(user=user, text__contains="bjuder in"))


def test_the_invited_organisations_staff_are_told_when_the_need_is_published() -> None:
    editor, invited, other = region_editor(), officer("arbetsformedlingen"), officer("csn")
    need = make_need(user=editor, title="Laddinfrastruktur", invited=("arbetsformedlingen",))
    (notice,) = invitations(invited)
    assert notice.url == need.get_absolute_url()
    assert notice.text == "Region Östergötland bjuder in Arbetsförmedlingen att svara på behovet ”Laddinfrastruktur”"
    assert invitations(other) == [] and invitations(editor) == []


def test_an_organisation_invited_later_is_told_once_and_the_others_not_again() -> None:
    editor, first, later = region_editor(), officer("arbetsformedlingen"), officer("csn")
    need = make_need(user=editor, invited=("arbetsformedlingen",))
    invited = [actor("arbetsformedlingen"), actor("csn")]
    themes = list(need.themes.all())
    with zeal_ignore():
        for _twice in range(2):
            actions.update_need(
                need,
                user=editor,
                title=need.title,
                description=need.description,
                themes=themes,
                needed_by=need.needed_by,
                invited=invited,
            )
    assert len(invitations(first)) == 1 and len(invitations(later)) == 1
