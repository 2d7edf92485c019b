"""The region's staff are told of each interest and contribution sent to their entry points (issue 17, point 4).

Personas: the region's staff (an editor and a plain member of Region Östergötland), the sending organisation's
officer (Arbetsförmedlingen) and another organisation (CSN)."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.notifications.models import Notification
from krokarm.strategies import actions
from krokarm.strategies.tests.factories import (
    OTHER_AGENCY,
    actor,
    contribute,
    officer,
    open_entry_point,
    region_editor,
    region_member,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_a_contribution_tells_each_of_the_regions_staff_and_nobody_else() -> None:
    editor, member, other = region_editor(), region_member(), officer(OTHER_AGENCY)
    entry = open_entry_point(title="Remiss om kompetensstrategin")
    sender = officer()
    contribute(entry, user=sender)
    told = Notification.objects.filter(text__contains="har skickat ett bidrag")
    assert sorted(told.values_list("user_id", flat=True)) == sorted([editor.pk, member.pk])
    notice = told.first()
    assert notice is not None and notice.url == url("contributions", entry.pk)
    assert notice.text == "Arbetsförmedlingen har skickat ett bidrag till ”Remiss om kompetensstrategin”"
    assert not Notification.objects.filter(user__in=[sender, other]).exists()


def test_an_interest_tells_the_regions_staff() -> None:
    editor = region_editor()
    entry = open_entry_point()
    with zeal_ignore():
        actions.register_interest(entry, user=officer(), actor=actor("arbetsformedlingen"), text="Vi vill vara med.")
    (notice,) = Notification.objects.filter(user=editor)
    assert "Arbetsförmedlingen har anmält intresse" in notice.text and notice.emailed_at is None  # the digest sends it
