"""The 503 page needs no database and keeps what was sent; other errors stay 500, and under /api/ every error
page is the API's one JSON shape."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import OperationalError, ProgrammingError
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import translation

from krokarm.home import errors

pytestmark = pytest.mark.django_db


def raised(error: BaseException, view: Any, request: Any) -> Any:
    """Call an error view the way Django does: inside the `except` of the exception it answers."""
    try:
        raise error
    except BaseException:
        return view(request)


@pytest.fixture
def locked(tmp_path: Path) -> OperationalError:
    """SQLite's own "database is locked", wrapped as Django wraps it."""
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        sqlite3.connect(path, timeout=0, isolation_level=None).execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as driver:
        error = OperationalError(*driver.args)
        error.__cause__ = driver
        return error
    finally:
        holder.close()
    raise AssertionError("SQLite did not refuse the second writer")


def test_the_503_page_is_rendered_without_a_single_query(
    locked: OperationalError, django_assert_num_queries: Any
) -> None:
    request = RequestFactory().get("/aktorer/")
    with django_assert_num_queries(0):
        response = raised(locked, errors.server_error, request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    text = response.content.decode()
    assert "<h1>Tjänsten är tillfälligt överbelastad</h1>" in text and "Försök igen" in text
    assert "sparades inte" not in text  # a GET sent nothing to save


def test_a_form_sent_from_our_own_page_is_shown_back_without_passwords_codes_or_tokens(
    locked: OperationalError,
) -> None:
    factory = RequestFactory()
    token = get_token(factory.get("/"))
    request = factory.post(
        "/konto/",
        {
            "csrfmiddlewaretoken": token,
            "description": "Vi erbjuder <validering> i hela länet.\nRing oss.",
            "password": "hemligt-lösenord",
            "code": "123456",
            "website": "",
        },
        HTTP_COOKIE=f"csrftoken={token}",
    )
    response = raised(locked, errors.server_error, request)
    text = response.content.decode()
    assert response.status_code == 503
    assert "Det du skickade sparades inte. Försök igen om en stund." in text
    assert "Vi erbjuder &lt;validering&gt; i hela länet.<br>Ring oss." in text  # kept, and escaped
    assert "hemligt-lösenord" not in text and "123456" not in text and token not in text


def test_a_form_posted_from_another_site_is_not_shown_back(locked: OperationalError) -> None:
    request = RequestFactory().post("/konto/", {"description": "Köp billiga klockor på annan-sajt.example"})
    response = raised(locked, errors.server_error, request)
    text = response.content.decode()
    assert response.status_code == 503 and "Det du skickade sparades inte." in text
    assert "billiga klockor" not in text


def test_a_session_that_could_not_be_saved_because_of_a_lock_is_503_not_400(locked: OperationalError) -> None:
    interrupted = SessionInterrupted("The request's session was deleted before the request completed.")
    interrupted.__context__ = locked
    response = errors.bad_request(RequestFactory().get("/aktorer/"), interrupted)
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_any_other_database_error_is_still_a_500() -> None:
    response = raised(
        ProgrammingError('relation "actors_actor" does not exist'), errors.server_error, RequestFactory().get("/")
    )
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()


def test_under_the_api_a_500_and_a_400_are_json_in_the_one_error_shape(locked: OperationalError) -> None:
    request = RequestFactory().get("/api/v1/actors")
    server = raised(ValueError("a bug"), errors.server_error, request)
    assert server.status_code == 500 and server["Content-Type"] == "application/json"
    assert json.loads(server.content)["error"]["code"] == "server_error"
    bad = errors.bad_request(request, SessionInterrupted("deleted meanwhile"))
    assert bad.status_code == 400 and json.loads(bad.content)["error"]["code"] == "bad_request"
    unavailable = raised(locked, errors.server_error, request)
    assert unavailable.status_code == 503 and json.loads(unavailable.content)["error"]["code"] == "unavailable"


def test_the_503_page_speaks_english_to_those_who_chose_it(locked: OperationalError) -> None:
    with translation.override("en"):
        response = raised(locked, errors.server_error, RequestFactory().post("/fraga/skicka/", {"q": "Validering?"}))
    text = response.content.decode()
    assert '<html lang="en">' in text and "The service is briefly overloaded" in text
    assert "What you sent was not saved. Try again in a moment." in text
