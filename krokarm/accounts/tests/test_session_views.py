"""Sessions end after 30 minutes idle; every request, and the warning's "continue" button, restarts the clock."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

EXTEND = reverse("accounts:extend-session")


def signed_in(client: Any) -> Any:
    with zeal_ignore():
        client.force_login(UserFactory())
    return client


def test_a_session_lasts_thirty_minutes_and_every_request_restarts_the_clock(client: Any) -> None:
    signed_in(client)
    first = client.get("/")
    assert first.cookies["sessionid"]["max-age"] == 30 * 60
    expires = client.session.get_expiry_date()
    second = client.get("/")
    assert second.cookies["sessionid"]["max-age"] == 30 * 60  # sent again, with a new 30 minutes
    assert client.session.get_expiry_date() >= expires


def test_signed_in_pages_carry_the_seconds_left_and_the_warning_script(client: Any) -> None:
    text = signed_in(client).get("/").content.decode()
    assert 'data-session-seconds="1800"' in text and "krokarm/session.js" in text
    assert "Du loggas snart ut" in text and "Fortsätt vara inloggad" in text


def test_anonymous_visitors_get_no_session_script(client: Any) -> None:
    text = client.get("/").content.decode()
    assert "session.js" not in text and "data-session-seconds" not in text


def test_continuing_needs_a_post_with_the_csrf_token() -> None:
    client = signed_in(Client(enforce_csrf_checks=True))
    assert client.get(EXTEND).status_code == 405
    assert client.post(EXTEND, HTTP_ACCEPT="application/json").status_code == 403
    token = client.get("/").cookies["csrftoken"].value
    response = client.post(EXTEND, HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200 and response.json() == {"signed_in": True, "seconds_left": 1800}
    assert response.cookies["sessionid"]["max-age"] == 1800


def test_continuing_without_javascript_returns_to_the_page(client: Any) -> None:
    response = signed_in(client).post(EXTEND, {"next": "/aktorer/"})
    assert response.status_code == 302 and response["Location"] == "/aktorer/"


def test_continuing_after_the_session_ended_says_so(client: Any) -> None:
    response = client.post(EXTEND, HTTP_ACCEPT="application/json")
    assert response.status_code == 401 and response.json() == {"signed_in": False}
