"""Database trouble is bounded and visible: a locked table, a statement that runs too long, a database that cannot
be reached or a lost connection answer 503 with Retry-After within the database timeouts, never a killed worker or
a 500, and the same worker serves again by itself when the trouble is over.

Each test serves requests the way gunicorn does (db_faults.Worker: a thread with its own connection) while
another session locks a table, or while the worker's database settings point nowhere.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from krokarm.cases.models import Case
from krokarm.home.tests.db_faults import (
    Served,
    a_saved_session,
    own_database,
    sqlite_write_locked,
    table_locked,
    terminate_backend,
    unreachable,
    worker,
)

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks and timeouts")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")

QUESTION = "Hur validerar jag min svetsarkompetens i Luleå?\nJag har arbetat som svetsare i tio år."
SEND_PAGE = "/fraga/skicka/?" + urlencode({"q": QUESTION, "actor": "myh"})
SEND_FORM = {"q": QUESTION, "actor": "myh", "email": "", "place": ""}
LOCK_TIMEOUT_MS = 300
SESSION_COOKIE = "sessionid=" + "k" * 32  # a visitor's session cookie: the session is read from the database


@pytest.fixture
def short_timeouts(settings: Any) -> None:
    settings.DATABASE_LOCK_TIMEOUT = LOCK_TIMEOUT_MS


def assert_unavailable_page(served: Served, *, posted: bool = False) -> None:
    assert served.status == 503, served.text[:500]
    assert served.headers["Retry-After"] == "30"
    assert "no-store" in served.headers["Cache-Control"]
    assert "Tjänsten är tillfälligt överbelastad" in served.text
    assert "Hoppa till innehållet" in served.text and "Gå till startsidan" in served.text  # the site's layout
    assert ("Det du skickade sparades inte. Försök igen om en stund." in served.text) is posted


def trouble_logged(caplog: Any) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "krokarm.database" and r.levelno == logging.WARNING]


def errors_logged(caplog: Any) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@postgresql_only
def test_a_page_on_a_locked_table_answers_503_within_the_lock_timeout_and_200_once_the_lock_is_gone(
    short_timeouts: None, caplog: Any
) -> None:
    with worker() as web:
        assert web.get("/healthz").status == 200  # the worker's connection is open before the lock
        with table_locked("actors_actor"):
            page = web.get("/aktorer/")
            assert_unavailable_page(page)
            assert LOCK_TIMEOUT_MS / 1000 <= page.seconds < 3, page.seconds  # the lock timeout, not WEB_TIMEOUT
        again = web.get("/aktorer/")
        assert again.status == 200 and "Arbetsförmedlingen" in again.text  # kept: the same worker, no restart
    assert len(trouble_logged(caplog)) == 1 and "(lock_timeout) on GET /aktorer/" in trouble_logged(caplog)[0]
    assert errors_logged(caplog) == []  # a WARNING, not Django's "Internal Server Error" at ERROR


@postgresql_only
def test_the_statement_timeout_stops_a_request_that_runs_too_long(settings: Any, caplog: Any) -> None:
    settings.DATABASE_LOCK_TIMEOUT = 0  # no lock timeout: only the statement timeout can stop the wait
    settings.DATABASE_STATEMENT_TIMEOUT = 400
    with worker() as web:
        assert web.get("/healthz").status == 200
        with table_locked("actors_actor"):
            page = web.get("/aktorer/")
        assert_unavailable_page(page)
        assert 0.4 <= page.seconds < 3, page.seconds
        assert web.get("/aktorer/").status == 200
    assert "(statement_timeout) on GET /aktorer/" in trouble_logged(caplog)[0]


@postgresql_only
def test_a_form_sent_to_a_locked_table_says_it_was_not_saved_and_shows_what_was_sent(short_timeouts: None) -> None:
    with worker() as web:
        assert web.get(SEND_PAGE).status == 200  # the form, and its CSRF cookie
        with table_locked("cases_case"):
            sent = web.post("/fraga/skicka/", SEND_FORM)
        assert_unavailable_page(sent, posted=True)
        assert "Hur validerar jag min svetsarkompetens i Luleå?<br>Jag har arbetat som svetsare i tio år." in sent.text
        assert "csrfmiddlewaretoken" not in sent.text
        assert web.call(Case.objects.count) == 0  # nothing half-saved: the transaction was rolled back


@postgresql_only
def test_trouble_in_the_middleware_after_the_view_still_answers_503(short_timeouts: None, caplog: Any) -> None:
    # EXCLUSIVE lets the page read the session but not save it: the failure is in SessionMiddleware, after the view.
    with worker() as web:
        key = web.call(a_saved_session)
        try:
            with table_locked("django_session", "EXCLUSIVE"):
                page = web.get("/aktorer/", HTTP_COOKIE=f"sessionid={key}")
        finally:
            web.call(lambda: Session.objects.filter(session_key=key).delete())
    assert_unavailable_page(page)
    assert "(lock_timeout) on GET /aktorer/" in trouble_logged(caplog)[0]
    assert errors_logged(caplog) == []


def test_an_unreachable_database_answers_503_with_a_page_that_needs_no_database_and_recovers(
    tmp_path: Path, caplog: Any
) -> None:
    with worker(**unreachable(tmp_path)) as web:
        page = web.get("/aktorer/")
        signed_in = web.get("/regioner/", HTTP_COOKIE=SESSION_COOKIE)
        for served in (page, signed_in):
            assert_unavailable_page(served)  # rendered while nothing could reach the database
            assert served.seconds < 5
        web.database.update({key: connection.settings_dict[key] for key in ("NAME", "HOST", "PORT", "OPTIONS")})
        web.database.update(own_database(tmp_path))
        assert web.get("/aktorer/").status == 200  # kept: the same worker connects when the database is back
    assert len(trouble_logged(caplog)) == 2 and all("(unreachable)" in line for line in trouble_logged(caplog))
    assert errors_logged(caplog) == []


@postgresql_only
def test_a_connection_lost_while_the_worker_waited_is_replaced_without_an_error() -> None:
    with worker() as web:
        assert web.get("/aktorer/").status == 200
        terminate_backend(web.backend_pid())  # as a database restart does to every open connection
        assert web.get("/regioner/").status == 200  # Django's health check opened a new connection
        assert web.get("/healthz").status == 200


@sqlite_only
def test_a_form_sent_while_another_connection_holds_the_write_lock_answers_503_and_shows_what_was_sent(
    tmp_path: Path, caplog: Any
) -> None:
    database = own_database(tmp_path, busy_timeout_ms=LOCK_TIMEOUT_MS)
    with worker(**database) as web:
        assert web.get(SEND_PAGE).status == 200
        with sqlite_write_locked(database["NAME"]):
            sent = web.post("/fraga/skicka/", SEND_FORM)
            assert web.get("/aktorer/").status == 200  # readers never wait for the writer (WAL)
        assert_unavailable_page(sent, posted=True)
        assert LOCK_TIMEOUT_MS / 1000 <= sent.seconds < 3, sent.seconds  # the busy timeout
        assert "Hur validerar jag min svetsarkompetens i Luleå?<br>Jag har arbetat som svetsare i tio år." in sent.text
        assert web.call(Case.objects.count) == 0
        again = web.post("/fraga/skicka/", SEND_FORM)
        assert again.status == 302  # kept: sent again once the lock is gone, the question is saved
        assert web.call(lambda: list(Case.objects.values_list("question", flat=True))) == [QUESTION]
    assert "(locked) on POST /fraga/skicka/" in trouble_logged(caplog)[0]
    assert errors_logged(caplog) == []
