"""The coordinators' list: questions with negative feedback or low confidence, for improving the catalogue."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor, Theme
from krokarm.insights import permissions
from krokarm.insights.tests.factories import AskedQuestionFactory
from krokarm.regions.models import County

pytestmark = pytest.mark.django_db
URL = reverse("insights:review")


def log_in(client, user):
    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(user)


def texts(response):
    return [a.text for a in response.context["page"].object_list]


def test_anonymous_visitors_are_sent_to_log_in_first(client):
    response = client.get(URL, {"visa": "lag"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?")
    assert "next=/samordning/fragor/%3Fvisa%3Dlag" in response["Location"]


def test_a_logged_in_user_who_is_not_a_coordinator_is_refused(client):
    log_in(client, UserFactory.create())
    response = client.get(URL)
    assert response.status_code == 403
    assert "Sidan är bara för samordnare" in response.text
    assert reverse("insights:dashboard") in response.text


def test_members_of_the_group_samordnare_are_coordinators(client):
    user = UserFactory.create()
    user.groups.add(Group.objects.create(name=permissions.COORDINATOR_GROUP))
    log_in(client, user)
    assert client.get(URL).status_code == 200


def test_who_is_a_coordinator():
    assert permissions.is_coordinator(UserFactory.create(is_staff=True))
    assert permissions.is_coordinator(UserFactory.create(is_superuser=True))
    assert not permissions.is_coordinator(UserFactory.create(is_staff=True, is_active=False))
    assert not permissions.is_coordinator(UserFactory.create())


def test_a_coordinator_sees_the_unhelpful_and_unsure_questions_but_not_the_good_ones(staff_client):
    AskedQuestionFactory.create(text="Bra fråga med bra svar", answered=True)
    AskedQuestionFactory.create(text="Fråga utan återkoppling")
    AskedQuestionFactory.create(text="Svaret hjälpte inte", unhelpful=True)
    AskedQuestionFactory.create(text="Blomkrukor", unsure=True)
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert texts(response) == ["Blomkrukor", "Svaret hjälpte inte"]
    assert "Bra fråga med bra svar" not in response.text
    assert "Fråga utan återkoppling" not in response.text


def test_the_newest_questions_come_first(staff_client):
    now = timezone.now()
    AskedQuestionFactory.create(text="Äldst", unsure=True, created_at=now - timedelta(days=3))
    AskedQuestionFactory.create(text="Nyast", unsure=True, created_at=now)
    AskedQuestionFactory.create(text="Mitten", unhelpful=True, created_at=now - timedelta(days=1))
    assert texts(staff_client.get(URL)) == ["Nyast", "Mitten", "Äldst"]


def test_the_filter_shows_negative_feedback_or_low_confidence_alone(staff_client):
    AskedQuestionFactory.create(text="Svaret hjälpte inte", unhelpful=True)
    AskedQuestionFactory.create(text="Blomkrukor", unsure=True)
    assert texts(staff_client.get(URL, {"visa": "negativ"})) == ["Svaret hjälpte inte"]
    assert texts(staff_client.get(URL, {"visa": "lag"})) == ["Blomkrukor"]
    assert len(texts(staff_client.get(URL, {"visa": "bada"}))) == 2


def test_an_unknown_filter_is_explained_and_both_kinds_are_shown(staff_client):
    AskedQuestionFactory.create(unhelpful=True)
    AskedQuestionFactory.create(unsure=True)
    response = staff_client.get(URL, {"visa": "allt"})
    assert "Välj ett alternativ i listan." in response.text
    assert response.context["page"].paginator.count == 2


def test_each_question_shows_who_asked_where_the_topic_and_the_top_actor(staff_client):
    actors = Actor.objects.in_bulk(["skelleftea-kommun", "myh"], field_name="slug")
    AskedQuestionFactory.create(
        text="Var läser jag sfi?",
        unhelpful=True,
        asker="arbetsgivare",
        asker_inferred=True,
        county=County.objects.get(code="24"),
        municipality=actors["skelleftea-kommun"],
        topic=Theme.objects.get(slug="vuxenutbildning"),
        top_actor=actors["myh"],
    )
    response = staff_client.get(URL)
    assert "Var läser jag sfi?" in response.text
    assert "Arbetsgivare (tolkat ur frågan)" in response.text
    assert "Skellefteå" in response.text
    assert "Vuxenutbildning" in response.text
    assert reverse("actors:detail", args=["myh"]) in response.text


def test_a_purged_text_says_that_it_is_deleted(staff_client):
    AskedQuestionFactory.create(purged=True, unsure=True)
    assert "Texten är raderad" in staff_client.get(URL).text


def test_the_list_is_paginated_and_keeps_the_filter(staff_client):
    AskedQuestionFactory.create_batch(settings.PAGE_SIZE + 1, unsure=True)
    response = staff_client.get(URL, {"visa": "lag"})
    assert len(texts(response)) == settings.PAGE_SIZE
    assert "?visa=lag&amp;sida=2" in response.text
    assert len(texts(staff_client.get(URL, {"visa": "lag", "sida": "2"}))) == 1


def test_only_get_is_allowed(staff_client):
    assert staff_client.post(URL).status_code == 405


def test_the_list_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries):
    county = County.objects.get(code="24")
    topic = Theme.objects.get(slug="vuxenutbildning")
    actor = Actor.objects.get(slug="myh")
    AskedQuestionFactory.create_batch(30, unsure=True, county=county, topic=topic, top_actor=actor)
    # The session, the user, the count and the page with its county, municipality, topic and actor; then
    # the session is saved again to slide the idle timeout (savepoint, update, release).
    # Plus the header's unread notifications.
    with django_assert_num_queries(8):
        staff_client.get(URL)
    with django_assert_num_queries(8):
        staff_client.get(URL, {"sida": "2"})
