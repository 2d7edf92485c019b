"""The follow button, the list of notifications and the digest settings, for each persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from krokarm.comments import actions as comment_actions
from krokarm.comments.models import Thread
from krokarm.comments.tests.factories import THREAD_URL, responsibility
from krokarm.notifications.models import Follow, Notification, Preference
from krokarm.notifications.tests.factories import (
    actor,
    following,
    log_in,
    make_case,
    notification,
    notifications,
    officer_of,
    reader,
)

pytestmark = pytest.mark.django_db
PROFILE = "/aktorer/arbetsformedlingen/"
FOLLOW_AF = "/folj/aktor/arbetsformedlingen/"
UNFOLLOW_AF = "/sluta-folja/aktor/arbetsformedlingen/"
LIST = "/konto/aviseringar/"
SETTINGS = "/konto/aviseringar/installningar/"
LOGIN = resolve_url(settings.LOGIN_URL)


# Following and unfollowing


def test_the_addresses_are_named_in_swedish() -> None:
    assert reverse("notifications:follow", args=["aktor", "arbetsformedlingen"]) == FOLLOW_AF
    assert reverse("notifications:unfollow", args=["aktor", "arbetsformedlingen"]) == UNFOLLOW_AF
    assert reverse("notifications:list") == LIST and reverse("notifications:settings") == SETTINGS


def test_an_anonymous_visitor_sees_a_sign_in_link_instead_of_the_button(client: Any) -> None:
    response = client.get(PROFILE)
    assert "Logga in för att följa" in response.text
    assert f'href="{LOGIN}?next=/aktorer/arbetsformedlingen/"' in response.text
    assert FOLLOW_AF not in response.text


def test_an_anonymous_visitor_who_posts_is_sent_to_sign_in_and_nothing_is_followed(client: Any) -> None:
    response = client.post(FOLLOW_AF, {"next": PROFILE})
    assert response.status_code == 302 and response["Location"].startswith(f"{LOGIN}?next=")
    assert not Follow.objects.exists()


def test_a_signed_in_reader_follows_an_actor_and_comes_back_to_the_page(client: Any) -> None:
    rita = reader()
    log_in(client, rita)
    assert "Följ<span" in client.get(PROFILE).text
    response = client.post(FOLLOW_AF, {"next": PROFILE})
    assert response.status_code == 302 and response["Location"] == PROFILE
    assert Follow.objects.filter(user=rita, object_id=actor().pk).exists()
    page = client.get(PROFILE).text
    assert "Du följer nu Arbetsförmedlingen." in page and "Sluta följa" in page


def test_unfollowing_takes_the_follow_away(client: Any) -> None:
    rita = reader()
    following(rita, actor())
    response = log_in(client, rita).post(UNFOLLOW_AF, {"next": PROFILE})
    assert response.status_code == 302 and not Follow.objects.exists()
    assert "Du följer inte längre Arbetsförmedlingen." in client.get(PROFILE).text


def test_a_next_address_on_another_site_is_ignored_for_the_objects_own_page(client: Any) -> None:
    response = log_in(client, reader()).post(FOLLOW_AF, {"next": "https://elak.example/"})
    assert response["Location"] == PROFILE


def test_following_needs_a_post(client: Any) -> None:
    assert log_in(client, reader()).get(FOLLOW_AF).status_code == 405


def test_something_that_cannot_be_followed_is_not_found(client: Any) -> None:
    log_in(client, reader())
    assert client.post("/folj/aktor/finns-inte/").status_code == 404
    assert client.post("/folj/planet/jorden/").status_code == 404


def test_an_officer_follows_their_own_organisations_case_from_the_staff_page(client: Any) -> None:
    case = make_case()
    officer = officer_of("arbetsformedlingen")
    page = log_in(client, officer).get(case.staff_url)
    assert f"/folj/arende/{case.reference}/" in page.text
    client.post(f"/folj/arende/{case.reference}/", {"next": case.staff_url})
    assert Follow.objects.filter(user=officer, object_id=case.pk).exists()


def test_a_member_of_another_organisation_cannot_follow_the_case(client: Any) -> None:
    case = make_case()
    log_in(client, officer_of("csn"))
    assert client.post(f"/folj/arende/{case.reference}/").status_code == 404
    assert client.post(f"/sluta-folja/arende/{case.reference}/").status_code == 404
    log_in(client, reader())
    assert client.post(f"/folj/arende/{case.reference}/").status_code == 404
    assert not Follow.objects.exists()


def test_the_comment_thread_has_the_button_once_there_is_a_thread(client: Any) -> None:
    rita = reader()
    log_in(client, rita)
    assert "/folj/trad/" not in client.get(THREAD_URL).text  # nobody has written yet
    comment_actions.post_comment(responsibility(), user=reader(), text="Bra beskrivet!")
    thread = Thread.objects.get()
    page = client.get(THREAD_URL).text
    assert f"/folj/trad/{thread.pk}/" in page and "kommentarerna om" in page
    client.post(f"/folj/trad/{thread.pk}/", {"next": THREAD_URL})
    assert Follow.objects.filter(user=rita, object_id=thread.pk).exists()


# The list of notifications


def test_the_list_asks_an_anonymous_visitor_to_sign_in(client: Any) -> None:
    for url in (LIST, SETTINGS):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_list_shows_only_my_notifications_newest_first_with_the_unread_marked(client: Any) -> None:
    rita = reader()
    notification(rita, text="Gammal och läst.", read=True)
    notification(rita, text="Ny och oläst.")
    notification(reader(), text="Någon annans.")
    response = log_in(client, rita).get(LIST)
    assert response.status_code == 200
    page = response.text
    assert page.index("Ny och oläst.") < page.index("Gammal och läst.")
    assert "Någon annans." not in page
    assert page.count('class="tag">Oläst<') == 1
    assert "Markera alla som lästa" in page
    assert "Aviseringar (1" in page  # the header's count


def test_an_empty_list_says_how_to_get_notifications(client: Any) -> None:
    page = log_in(client, reader()).get(LIST).text
    assert "Du har inga aviseringar än." in page and "Markera alla som lästa" not in page


def test_the_list_is_paginated(client: Any) -> None:
    rita = reader()
    notifications(settings.PAGE_SIZE + 2, user=rita)
    log_in(client, rita)
    assert len(client.get(LIST).context["page"].object_list) == settings.PAGE_SIZE
    second = client.get(LIST, {"sida": "2"})
    assert len(second.context["page"].object_list) == 2 and "Sida 2 av 2" in second.text


def test_the_list_runs_a_fixed_number_of_queries_on_any_page(client: Any, django_assert_num_queries: Any) -> None:
    rita = reader()
    notifications(settings.PAGE_SIZE + 5, user=rita)
    log_in(client, rita)
    client.get(LIST)
    # The session, the user, the coordinator check and their affiliations (the header's inbox link), the
    # unread count, the page count and the page; then the session is saved again (savepoint, update, release).
    with django_assert_num_queries(10):
        client.get(LIST)
    with django_assert_num_queries(10):
        client.get(LIST, {"sida": "2"})


def test_marking_one_read_and_then_all(client: Any) -> None:
    rita = reader()
    first, second = notifications(2, user=rita)
    theirs = notification(reader())
    log_in(client, rita)
    response = client.post(reverse("notifications:mark-read", args=[first.pk]), {"next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert Notification.objects.get(pk=second.pk).read_at is None
    response = client.post(reverse("notifications:mark-all-read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=rita, read_at=None).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_someone_elses_notification_is_not_found(client: Any) -> None:
    theirs = notification(reader())
    response = log_in(client, reader()).post(reverse("notifications:mark-read", args=[theirs.pk]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_marking_read_needs_a_post(client: Any) -> None:
    log_in(client, reader())
    assert client.get(reverse("notifications:mark-all-read")).status_code == 405
    assert client.get(reverse("notifications:mark-read", args=[1])).status_code == 405


# Digest settings


def test_the_settings_offer_the_three_choices_with_daily_chosen_at_first(client: Any) -> None:
    page = log_in(client, reader()).get(SETTINGS).text
    assert "<legend>Hur ofta vill du få en sammanfattning med e-post?</legend>" in page
    for label in ("Dagligen", "Varje vecka", "Av"):
        assert f">{label}</label>" in page
    assert 'value="dagligen" id="avisering-digest_frequency_0" required checked>' in page


def test_choosing_weekly_is_saved_and_shown(client: Any) -> None:
    rita = reader()
    response = log_in(client, rita).post(SETTINGS, {"digest_frequency": "varje vecka"})
    assert response.status_code == 302 and response["Location"] == SETTINGS
    assert Preference.objects.get(user=rita).digest_frequency == "varje vecka"
    page = client.get(SETTINGS).text
    assert "Dina inställningar är sparade." in page
    assert 'value="varje vecka" id="avisering-digest_frequency_1" required checked>' in page


def test_a_missing_choice_is_explained_at_the_top_and_at_the_field(client: Any) -> None:
    response = log_in(client, reader()).post(SETTINGS, {"digest_frequency": "varje timme"})
    assert response.status_code == 400
    assert "Något behöver rättas" in response.text
    assert response.text.count("Välj ett av alternativen: dagligen, varje vecka eller av.") == 2
    assert not Preference.objects.exists()
