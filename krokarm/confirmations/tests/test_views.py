"""The confirm page, its "Stämmer" buttons and the coordinators' overview: who may, what is written, what is
shown first, and a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krokarm.confirmations.tests.factories import (
    AGENCY,
    OTHER_AGENCY,
    REGION,
    actor,
    add_service,
    checked_days_ago,
    confirm_url,
    confirmations,
    coordinator,
    editor,
    log_in,
    page,
    person,
    responsibility,
)

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("confirmations:overview")


def test_an_editor_confirms_one_item_and_comes_back_to_the_page_with_thanks(client: Any) -> None:
    item = responsibility()
    log_in(client, editor())

    response = client.post(confirm_url("ansvar", item.pk), follow=True)

    assert response.redirect_chain == [(page(), 302)]
    assert f"Tack – {item.get_role_display()}: {item.theme.name} är bekräftad." in response.text
    [entry] = confirmations(item)
    assert entry.organisation == actor() and entry.source == "web"


def test_a_second_click_the_same_day_leaves_one_row(client: Any) -> None:
    item = responsibility()
    log_in(client, editor())
    client.post(confirm_url("ansvar", item.pk))
    assert client.post(confirm_url("ansvar", item.pk)).status_code == 302
    assert len(confirmations(item)) == 1


def test_a_member_of_another_organisation_gets_403_and_nothing_is_written(client: Any) -> None:
    item = responsibility()
    log_in(client, editor(OTHER_AGENCY))
    assert client.get(page()).status_code == 403
    assert client.post(confirm_url("ansvar", item.pk)).status_code == 403
    assert confirmations(item) == []


def test_a_plain_member_of_the_organisation_gets_403(client: Any) -> None:
    log_in(client, person(AGENCY))
    assert client.get(page()).status_code == 403
    assert client.post(confirm_url("ansvar", responsibility().pk)).status_code == 403


def test_another_organisations_item_is_404_under_this_organisations_address(client: Any) -> None:
    log_in(client, editor())
    other = responsibility(OTHER_AGENCY)
    assert client.post(confirm_url("ansvar", other.pk)).status_code == 404
    assert client.post(confirm_url("okand", other.pk)).status_code == 404
    assert confirmations(other) == []


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    for address in (page(), OVERVIEW):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    response = client.post(confirm_url("ansvar", responsibility().pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_get_on_the_confirm_address_is_405_and_post_on_the_pages_is_405(client: Any) -> None:
    log_in(client, editor())
    assert client.get(confirm_url("ansvar", responsibility().pk)).status_code == 405
    assert client.post(page()).status_code == 405
    log_in(client, coordinator())
    assert client.post(OVERVIEW).status_code == 405


def test_the_page_lists_the_organisations_items_with_the_stale_first(client: Any) -> None:
    stale = responsibility()
    checked_days_ago(stale, 400)
    log_in(client, editor())

    text = client.get(page()).text

    stale_name = f"{stale.get_role_display()}: {stale.theme.name}"
    assert "Bekräfta era uppgifter" in text and "Behöver bekräftas" in text
    assert text.count("Behöver bekräftas") == 1
    first_row = text.index("<tbody>")
    assert text.index(stale_name, first_row) < text.index(actor().name, first_row)
    assert confirm_url("ansvar", stale.pk) in text and confirm_url("aktor", actor().pk) in text
    assert confirm_url("ansvar", responsibility(OTHER_AGENCY).pk) not in text


def test_the_page_runs_the_same_number_of_queries_with_more_items(client: Any) -> None:
    user = editor()
    log_in(client, user)
    client.get(page())  # the session and the roles are read the same way each time after the first

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page()).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        add_service(name=f"Ny tjänst {n}", user=user)
    after = count()

    assert after == before and before <= 18  # the items and their dates take 9, whatever their number


def test_a_coordinator_reads_the_page_without_buttons(client: Any) -> None:
    log_in(client, coordinator())
    response = client.get(page())
    assert response.status_code == 200 and confirm_url("aktor", actor().pk) not in response.text
    assert "Du ser sidan som samordnare" in response.text
    assert client.post(confirm_url("ansvar", responsibility().pk)).status_code == 403


def test_the_overview_lists_stale_organisations_stalest_first(client: Any) -> None:
    checked_days_ago(responsibility(OTHER_AGENCY), 800)
    checked_days_ago(responsibility(AGENCY), 400)
    log_in(client, coordinator())

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    text = response.text
    assert text.index(page(OTHER_AGENCY)) < text.index(page(AGENCY))


def test_the_overview_is_403_for_a_plain_editor(client: Any) -> None:
    log_in(client, editor())
    assert client.get(OVERVIEW).status_code == 403


def test_editors_find_the_page_from_their_organisations_page_and_their_account(client: Any) -> None:
    log_in(client, editor())
    assert page() in client.get(actor().get_absolute_url()).text
    assert page() in client.get(reverse("accounts:account")).text


def test_a_regions_page_lists_its_open_entry_points_in_the_same_number_of_queries(client: Any) -> None:
    from krokarm.strategies.tests.factories import closed_entry_point, open_entry_point

    user = editor(REGION)
    log_in(client, user)
    client.get(page(REGION))

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page(REGION))
        return len(queries), response.text

    before, _text = count()
    entries = [open_entry_point(REGION, title=f"Öppen ingång {n}") for n in range(3)]
    closed = closed_entry_point(REGION)
    after, text = count()

    assert after == before
    assert all(confirm_url("ingang", entry.pk, REGION) in text for entry in entries)
    assert confirm_url("ingang", closed.pk, REGION) not in text
