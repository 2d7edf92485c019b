"""Coordinators see which actors the way in offers that nobody can receive a case for, most often offered first,
and can invite someone there (issue 17: a door someone opens)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.actors.models import Actor
from krokarm.insights import actions, permissions
from krokarm.insights.models import AskedQuestion
from krokarm.insights.tests.factories import make_answer

pytestmark = pytest.mark.django_db
URL = reverse("insights:unreachable")


def coordinator(client: Any) -> Any:
    user = UserFactory.create()
    user.groups.add(Group.objects.get_or_create(name=permissions.COORDINATOR_GROUP)[0])
    with zeal_ignore():
        client.force_login(user)
    return user


def ask(*actors: str) -> AskedQuestion:
    with zeal_ignore():
        return actions.log_question("Hur blir jag elektriker?", make_answer(actors=actors), "", None)


def test_a_logged_question_keeps_every_actor_the_answer_offered() -> None:
    asked = ask("myh", "csn", "elsakerhetsverket")
    assert set(asked.proposed.values_list("slug", flat=True)) == {"myh", "csn", "elsakerhetsverket"}
    assert asked.top_actor is not None and asked.top_actor.slug == "myh"


def test_the_list_counts_the_answers_per_actor_nobody_receives_cases_for_most_often_first(client: Any) -> None:
    ask("myh", "csn", "elsakerhetsverket")
    ask("elsakerhetsverket", "csn")
    ask("elsakerhetsverket")
    member_of("csn")  # someone works at CSN: it receives cases and is not listed
    coordinator(client)
    response = client.get(URL)
    assert response.status_code == 200
    rows = [(row.actor.slug, row.answers) for row in response.context["rows"]]
    assert rows == [("elsakerhetsverket", 3), ("myh", 1)]
    text = response.content.decode()
    assert reverse("accounts:members", args=["elsakerhetsverket"]) in text
    assert "Bjud in någon från Elsäkerhetsverket" in text


def test_answers_older_than_the_period_are_not_counted(client: Any) -> None:
    old = ask("elsakerhetsverket")
    AskedQuestion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    ask("myh")
    coordinator(client)
    assert [row.actor.slug for row in client.get(URL).context["rows"]] == ["myh"]


def test_an_actor_with_a_case_mailbox_is_not_listed(client: Any) -> None:
    ask("elsakerhetsverket")
    Actor.objects.filter(slug="elsakerhetsverket").update(case_email="arenden@example.se")
    coordinator(client)
    response = client.get(URL)
    assert response.context["rows"] == []
    assert "Alla aktörer som vägledningen har föreslagit kan ta emot frågor." in response.content.decode()


def test_a_coordinator_can_open_the_members_page_of_a_listed_actor_to_invite_someone(client: Any) -> None:
    ask("elsakerhetsverket")
    coordinator(client)
    members = client.get(reverse("accounts:members", args=["elsakerhetsverket"]))
    assert members.status_code == 200
    response = client.post(
        reverse("accounts:invite", args=["elsakerhetsverket"]),
        {"email": "forsta@example.se", "role": "organisationsadministrator"},
    )
    assert response.status_code == 302
    assert Actor.objects.get(slug="elsakerhetsverket").invitations.get().email == "forsta@example.se"


def test_others_are_refused_and_anonymous_visitors_sent_to_log_in(client: Any) -> None:
    assert client.get(URL).status_code == 302
    with zeal_ignore():
        client.force_login(UserFactory.create())
    assert client.get(URL).status_code == 403
    assert client.post(URL).status_code == 405
