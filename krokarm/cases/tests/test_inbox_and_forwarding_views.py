"""The inbox names its organisation and shows each question and its age; forwarded cases stay under "Skickade
vidare"; the forward form offers the router's suggestions first and a search that works without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Actor
from krokarm.cases import actions
from krokarm.cases.models import Case
from krokarm.cases.tests.factories import make_case, officer_of

pytestmark = pytest.mark.django_db

LONG = "Jag vill byta yrke och undrar hur jag kan få studiemedel för att läsa till elektriker på komvux. " * 3
INBOX = reverse("cases:inbox")


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def forward(case: Case, user: Any, to: str = "csn") -> Case:
    with zeal_ignore():
        return actions.forward_case(case, user=user, to_actor=Actor.objects.get(slug=to), reason="CSN beslutar.")


def options(response: Any) -> list[tuple[str, list[str]]]:
    """The forward select's groups, each with its actors' slugs."""
    field = response.context["forward_form"].fields["to_actor"]
    return [(str(label), [slug for slug, _name in group]) for label, group in field.choices if isinstance(group, list)]


def test_the_inbox_names_its_organisation_and_shows_the_question_shortened_and_its_age(client: Any) -> None:
    case = make_case(question=LONG)
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - dt.timedelta(days=3, hours=2))
    text = login(client, officer_of("arbetsformedlingen")).get(INBOX).content.decode()
    assert "<h1>Inkorg – Arbetsförmedlingen</h1>" in text
    assert LONG[:100] in text and LONG not in text and "…" in text
    assert "3 dagar" in text


def test_a_member_of_several_organisations_chooses_whose_inbox(client: Any) -> None:
    user = officer_of("arbetsformedlingen")
    Affiliation.objects.create(user=user, actor=Actor.objects.get(slug="csn"))
    own, other = make_case("arbetsformedlingen"), make_case("csn")
    login(client, user)
    first = client.get(INBOX).content.decode()
    assert "Inkorg – Arbetsförmedlingen" in first and own.reference in first and other.reference not in first
    assert "?org=csn" in first
    chosen = client.get(INBOX, {"org": "csn"}).content.decode()
    assert "Inkorg – Centrala studiestödsnämnden" in chosen and other.reference in chosen
    assert own.reference not in chosen


def test_a_forwarded_case_stays_under_skickade_vidare_with_where_it_went_and_its_status_not_its_answer(
    client: Any,
) -> None:
    sender, receiver = officer_of("arbetsformedlingen"), officer_of("csn")
    case = forward(make_case(), sender)
    login(client, sender)
    assert case.reference not in client.get(INBOX).content.decode()  # no longer theirs to handle
    with zeal_ignore():
        actions.answer_case(case, user=receiver, answer="Hemligt svar om studiemedel.")
    response = client.get(INBOX, {"visa": "vidare"})
    text = response.content.decode()
    assert response.status_code == 200
    assert case.reference in text and "Centrala studiestödsnämnden" in text and "Besvarat" in text
    assert "Hemligt svar" not in text and case.staff_url not in text
    other = login(client, officer_of("skolverket")).get(INBOX, {"visa": "vidare"}).content.decode()
    assert case.reference not in other


@pytest.mark.parametrize("cases", [1, 4])
def test_skickade_vidare_reads_the_database_a_fixed_number_of_times(
    client: Any, django_assert_num_queries: Any, cases: int
) -> None:
    sender = officer_of("arbetsformedlingen")
    officer_of("csn")
    for _n in range(cases):
        forward(make_case(), sender)
    login(client, sender)
    # session, user, roles, the organisations, the count and the page, invited needs, the header's coordinator
    # check and unread notifications, the session's renewal (3)
    with django_assert_num_queries(12):
        assert client.get(INBOX, {"visa": "vidare"}).status_code == 200


def test_the_forward_select_offers_the_routers_suggestions_first_and_only_actors_that_receive_cases(
    client: Any,
) -> None:
    officer_of("csn")
    officer_of("skolverket")
    case = make_case(question="Hur ansöker jag om studiemedel från CSN för att studera på universitet?")
    response = login(client, officer_of("arbetsformedlingen")).get(case.staff_url)
    groups = options(response)
    assert groups[0][0] == "Förslag för den här frågan" and groups[0][1][0] == "csn"
    offered = [slug for _label, slugs in groups for slug in slugs]
    assert "skolverket" in offered and "arbetsformedlingen" not in offered
    assert "elsakerhetsverket" not in offered  # nobody receives its cases
    assert len(offered) == len(set(offered))
    assert 'label for="id_to_actor"' in response.content.decode() and "Skicka vidare till" in response.content.decode()


def test_searching_narrows_the_select_without_javascript(client: Any) -> None:
    officer_of("csn")
    officer_of("skolverket")
    case = make_case(question="Något helt annat")
    login(client, officer_of("arbetsformedlingen"))
    response = client.get(case.staff_url, {"sok": "studiestöd"})
    offered = [slug for _label, slugs in options(response) for slug in slugs]
    assert "csn" in offered and "skolverket" not in offered
    assert "Aktörer som matchar ”studiestöd”" in response.content.decode()
    nothing = client.get(case.staff_url, {"sok": "finns inte alls"}).content.decode()
    assert "Ingen aktör som kan ta emot ärenden matchar ”finns inte alls”" in nothing


def test_forwarding_to_an_actor_nobody_receives_cases_for_is_refused_with_a_reason(client: Any) -> None:
    case = make_case()
    login(client, officer_of("arbetsformedlingen"))
    data = {"to_actor": "elsakerhetsverket", "reason": "Det gäller elsäkerhet.", "version": case.version}
    response = client.post(reverse("cases:forward", args=[case.reference]), data)
    assert response.status_code == 400
    assert "Elsäkerhetsverket kan inte ta emot ärenden" in response.content.decode()
    assert "Det gäller elsäkerhet." in response.content.decode()
    assert Case.objects.get(pk=case.pk).actor.slug == "arbetsformedlingen"
