"""What the challenges app contributes to the shared apps: comments, follows, the personal-data download and
the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from krokarm.accounts.personal_data import sections
from krokarm.accounts.tests.factories import UserFactory
from krokarm.challenges.personal_data import export
from krokarm.challenges.tests.factories import (
    editor,
    log_in,
    make_approach,
    make_challenge,
    region_editor,
    url,
)
from krokarm.notifications.models import Follow

pytestmark = pytest.mark.django_db


def test_a_challenge_has_a_comment_thread_named_by_its_address(client: Any) -> None:
    challenge = make_challenge()
    thread = reverse("comments:thread", args=["utmaning", challenge.slug])
    assert thread in client.get(url("detail", challenge.slug)).text
    response = client.get(thread)
    assert response.status_code == 200 and challenge.title in response.text


def test_anyone_signed_in_may_follow_a_challenge(client: Any) -> None:
    challenge = make_challenge()
    user = region_editor()
    log_in(client, user)
    response = client.post(reverse("notifications:follow", args=["utmaning", challenge.slug]))
    assert response.status_code == 302
    assert Follow.objects.filter(user=user, object_id=challenge.pk).exists()


def test_the_personal_data_download_holds_what_the_person_proposed_and_wrote() -> None:
    author, writer = editor(), region_editor()
    challenge = make_challenge(user=author)
    make_approach(challenge, user=writer, contact_email="kompetens@example.se")
    assert "utmaningar" in sections()
    mine = export(author)
    assert [c["title"] for c in mine["challenges"]] == [challenge.title] and mine["approaches"] == []
    theirs = export(writer)
    assert theirs["challenges"] == [] and theirs["approaches"][0]["contact_email"] == "kompetens@example.se"
    assert theirs["approaches"][0]["created_by_you"] is True


def test_the_admin_lists_challenges_and_approaches(client: Any) -> None:
    log_in(client, UserFactory.create(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:challenges_challenge_changelist")).status_code == 200
    assert client.get(reverse("admin:challenges_approach_changelist")).status_code == 200
