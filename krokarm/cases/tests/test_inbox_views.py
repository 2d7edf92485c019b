"""The actor's inbox: only the holding actor's staff (and coordinators) see and handle a case."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory
from krokarm.cases.models import Case, CaseEvent
from krokarm.cases.tests.factories import coordinator, make_case, officer_of, send_case

pytestmark = pytest.mark.django_db


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def test_an_anonymous_visitor_is_asked_to_sign_in(client: Any) -> None:
    case = make_case()
    for url in (reverse("cases:inbox"), case.staff_url):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_user_who_works_for_no_actor_has_no_inbox(client: Any) -> None:
    assert login(client, UserFactory()).get(reverse("cases:inbox")).status_code == 403


def test_the_inbox_lists_the_open_cases_of_the_officers_own_actor_only(client: Any) -> None:
    own, other = make_case("arbetsformedlingen"), make_case("csn")
    response = login(client, officer_of("arbetsformedlingen")).get(reverse("cases:inbox"))
    assert response.status_code == 200
    text = response.content.decode()
    assert own.reference in text and other.reference not in text


def test_an_officer_of_another_actor_cannot_open_or_handle_the_case(client: Any) -> None:
    case = make_case("arbetsformedlingen")
    login(client, officer_of("csn"))
    assert client.get(case.staff_url).status_code == 404
    for name in ("cases:accept", "cases:answer", "cases:forward"):
        assert client.post(reverse(name, args=[case.reference]), {"answer": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING


def test_the_officer_accepts_and_the_asker_sees_who_has_it(client: Any) -> None:
    sent = send_case()
    case = sent.case
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(reverse("cases:accept", args=[case.reference]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    status_page = client.get(sent.status_url).content.decode()
    assert "Arbetsförmedlingen tog emot frågan" in status_page and "Handläggs" in status_page


def test_accepting_and_answering_are_confirmed_in_a_banner_read_out_at_once(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    page = client.post(reverse("cases:accept", args=[case.reference]), follow=True).content.decode()
    assert '<div class="messages" role="alert" tabindex="-1">' in page
    assert "Du har tagit emot ärendet." in page
    case.refresh_from_db()
    page = client.post(
        reverse("cases:answer", args=[case.reference]),
        {"answer": "Skriv in dig som arbetssökande.", "version": case.version},
        follow=True,
    ).content.decode()
    assert "Svaret är skickat." in page


def test_accepting_twice_explains_that_someone_already_did(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    client.post(reverse("cases:accept", args=[case.reference]))
    response = client.post(reverse("cases:accept", args=[case.reference]))
    assert response.status_code == 409
    assert case.events.filter(kind=CaseEvent.Kind.ACCEPTED).count() == 1


def test_forwarding_shows_the_reason_to_the_asker(client: Any) -> None:
    sent = send_case()
    officer_of("csn")  # someone works at CSN, so it can receive the case
    case = sent.case
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(
        reverse("cases:forward", args=[case.reference]), {"to_actor": "csn", "reason": "Det gäller studiemedel."}
    )
    assert response.status_code == 302 and "vidare=" in response["Location"]
    case.refresh_from_db()
    assert case.actor.slug == "csn"
    page = client.get(sent.status_url).content.decode()
    assert "skickade frågan vidare till" in page and "Det gäller studiemedel." in page


def test_forwarding_without_a_reason_keeps_the_case_and_says_what_is_missing(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(reverse("cases:forward", args=[case.reference]), {"to_actor": "csn", "reason": ""})
    assert response.status_code == 400
    assert "Skriv varför ärendet skickas vidare." in response.content.decode()
    case.refresh_from_db()
    assert case.actor.slug == "arbetsformedlingen"


def test_forwarding_to_the_same_actor_is_refused(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(
        reverse("cases:forward", args=[case.reference]), {"to_actor": "arbetsformedlingen", "reason": "x"}
    )
    assert response.status_code == 400 and "ligger redan hos" in response.content.decode()


def test_the_answer_appears_on_the_status_page(client: Any) -> None:
    sent = send_case()
    case = sent.case
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(reverse("cases:answer", args=[case.reference]), {"answer": "Boka ett möte på vår webb."})
    assert response.status_code == 302
    client.cookies.clear()  # the asker is not signed in
    page = client.get(sent.status_url).content.decode()
    assert "Boka ett möte på vår webb." in page and "Besvarat" in page


def test_an_empty_answer_is_refused(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    response = client.post(reverse("cases:answer", args=[case.reference]), {"answer": "  "})
    assert response.status_code == 400 and "Skriv ett svar." in response.content.decode()


def test_handling_urls_only_take_post(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    for name in ("cases:accept", "cases:answer", "cases:forward"):
        assert client.get(reverse(name, args=[case.reference])).status_code == 405
    assert client.post(reverse("cases:inbox")).status_code == 405


def test_coordinators_see_overdue_cases_and_others_may_not(client: Any) -> None:
    late = make_case()
    Case.objects.filter(pk=late.pk).update(accept_by=timezone.now() - dt.timedelta(hours=2))
    make_case()
    url = reverse("cases:overdue")
    assert login(client, officer_of("arbetsformedlingen")).get(url).status_code == 403
    response = login(client, coordinator()).get(url)
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == [late.pk]


def test_inbox_and_case_pages_read_the_database_a_fixed_number_of_times(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    sent = [send_case() for _ in range(5)]
    cases = [s.case for s in sent]
    login(client, officer_of("arbetsformedlingen"))
    # Signed in: session, user and roles are read, and the session is saved again (it slides the idle timeout).
    # Plus the header's unread notifications, the inbox's invited needs and the organisations it may show, and on
    # the case page the follow button and the forward form's actors (the router's suggestions, then all others).
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:inbox")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(cases[0].staff_url).status_code == 200
    client.cookies.clear()  # the asker's status page, read without an account
    with django_assert_max_num_queries(2):
        assert client.get(sent[0].status_url).status_code == 200


def test_a_refusal_is_explained_in_plain_swedish(client: Any) -> None:
    response = login(client, UserFactory()).get(reverse("cases:inbox"))
    assert response.status_code == 403
    assert "Du har inte behörighet till sidan" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "sent", "accept_by"),
    [("sv", "6 december 2026", "8 december 2026 kl. 09:00"), ("en", "6 December 2026", "8 December 2026, 09:00")],
)
def test_the_inbox_writes_dates_in_words_in_each_language(
    client: Any, language: str, sent: str, accept_by: str
) -> None:
    case = make_case()
    stockholm = ZoneInfo("Europe/Stockholm")
    Case.objects.filter(pk=case.pk).update(
        created_at=dt.datetime(2026, 12, 6, 9, 0, tzinfo=stockholm),
        accept_by=dt.datetime(2026, 12, 8, 9, 0, tzinfo=stockholm),
    )
    login(client, officer_of("arbetsformedlingen"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = client.get(reverse("cases:inbox")).content.decode()
    assert f"<td>{sent}</td>" in text and f"<td>{accept_by}</td>" in text
    assert "6 dec 2026" not in text.lower()
