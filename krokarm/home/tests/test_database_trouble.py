"""Database trouble is bounded and visible: a locked table, a statement that runs too long, a database that cannot
be reached or a lost connection answer 503 with Retry-After within the database timeouts, never a killed worker or
a 500, and the same worker serves again by itself when the trouble is over.

Each test serves requests the way gunicorn does (db_faults.Worker: a thread with its own connection) while
another connection holds a lock, or while the worker's database settings point nowhere. Every test runs on
PostgreSQL and on SQLite; where the two databases differ (PostgreSQL locks a table against reads too, SQLite's
write lock never stops a reader; only PostgreSQL has a statement timeout), the set-up says so and the test
asserts what is true on each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from krokarm.cases.models import Case
from krokarm.cases.tests.factories import everyone_receives
from krokarm.home.tests.db_faults import (
    Served,
    Worker,
    a_saved_session,
    holding_a_lock,
    lock_wait_ms,
    reachable_again,
    terminate_backend,
    unreachable,
    waiting_for_locks_at_most,
    worker,
)

POSTGRESQL = connection.vendor == "postgresql"
# What a request that waited too long for a lock is logged as: PostgreSQL's lock_timeout, SQLite's busy timeout.
LOCK_TROUBLE = "lock_timeout" if POSTGRESQL else "locked"

QUESTION = "Hur validerar jag min svetsarkompetens i Luleå?\nJag har arbetat som svetsare i tio år."
QUESTION_SHOWN = "Hur validerar jag min svetsarkompetens i Luleå?<br>Jag har arbetat som svetsare i tio år."
SEND_PAGE = "/fraga/skicka/?" + urlencode({"q": QUESTION, "actor": "myh"})
SEND_FORM = {"q": QUESTION, "actor": "myh", "email": "", "place": ""}
LOCK_TIMEOUT_MS = 300
SESSION_COOKIE = "sessionid=" + "k" * 32  # a visitor's session cookie: the session is read from the database


@pytest.fixture
def web(committed_db: Any, settings: Any) -> Iterator[Worker]:
    """A worker on a committed copy of the seeded database that stops waiting for a lock after LOCK_TIMEOUT_MS.
    Someone works at every actor, so that the question can be sent (accounts.queries.receiving_slugs)."""
    everyone_receives()
    with worker(**waiting_for_locks_at_most(LOCK_TIMEOUT_MS, settings)) as started:
        yield started


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


def questions(web: Worker) -> list[str]:
    return list(web.call(lambda: list(Case.objects.values_list("question", flat=True))))


def test_a_form_sent_to_a_locked_table_answers_503_within_the_lock_timeout_and_is_saved_when_sent_again(
    web: Worker, caplog: Any
) -> None:
    assert web.get(SEND_PAGE).status == 200  # the form, and its CSRF cookie
    with holding_a_lock("cases_case"):  # a write waits for it on both databases
        sent = web.post("/fraga/skicka/", SEND_FORM)
    assert_unavailable_page(sent, posted=True)
    assert LOCK_TIMEOUT_MS / 1000 <= sent.seconds < 3, sent.seconds  # the lock timeout, not WEB_TIMEOUT
    assert QUESTION_SHOWN in sent.text  # kept: what the visitor typed is on the page
    assert "csrfmiddlewaretoken" not in sent.text
    assert questions(web) == []  # nothing half-saved: the transaction was rolled back
    again = web.post("/fraga/skicka/", SEND_FORM)
    assert again.status == 302  # kept: sent again once the lock is gone, by the same worker, the question is saved
    assert questions(web) == [QUESTION]
    logged = trouble_logged(caplog)
    assert len(logged) == 1 and f"({LOCK_TROUBLE}) on POST /fraga/skicka/" in logged[0]
    assert errors_logged(caplog) == []  # a WARNING, not Django's "Internal Server Error" at ERROR


def test_a_page_reading_a_locked_table_waits_only_on_postgresql_and_answers_503_there_within_the_lock_timeout(
    web: Worker, caplog: Any
) -> None:
    # PostgreSQL's ACCESS EXCLUSIVE lock (a migration's) stops readers; SQLite's write lock never does (WAL).
    assert web.get("/healthz").status == 200  # the worker's connection is open before the lock
    with holding_a_lock("actors_actor"):
        page = web.get("/aktorer/")
    if POSTGRESQL:
        assert_unavailable_page(page)
        assert LOCK_TIMEOUT_MS / 1000 <= page.seconds < 3, page.seconds  # the lock timeout, not WEB_TIMEOUT
        logged = trouble_logged(caplog)
        assert len(logged) == 1 and "(lock_timeout) on GET /aktorer/" in logged[0]
    else:
        assert page.status == 200 and "Arbetsförmedlingen" in page.text  # the reader did not wait for the writer
        assert trouble_logged(caplog) == []
    again = web.get("/aktorer/")
    assert again.status == 200 and "Arbetsförmedlingen" in again.text  # kept: the same worker, no restart
    assert errors_logged(caplog) == []


def test_a_request_without_a_lock_timeout_is_stopped_by_the_statement_timeout_or_on_sqlite_by_its_busy_timeout(
    committed_db: Any, settings: Any, caplog: Any
) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = 400
    everyone_receives()  # as the `web` fixture does: "myh" must be able to receive the question
    if POSTGRESQL:  # no lock timeout: only the statement timeout can stop the wait
        database, stopped_after, trouble = waiting_for_locks_at_most(0, settings), 0.4, "statement_timeout"
    else:  # SQLite has no statement timeout: the busy timeout alone ends the wait, later than 400 ms would
        database, stopped_after, trouble = waiting_for_locks_at_most(1000, settings), 1.0, "locked"
    with worker(**database) as web:
        assert web.get(SEND_PAGE).status == 200
        with holding_a_lock("cases_case"):
            sent = web.post("/fraga/skicka/", SEND_FORM)
        assert_unavailable_page(sent, posted=True)
        assert stopped_after <= sent.seconds < 3, sent.seconds
        assert QUESTION_SHOWN in sent.text  # kept: what was sent is shown
        assert web.get("/aktorer/").status == 200  # kept: the same worker serves again
    assert f"({trouble}) on POST /fraga/skicka/" in trouble_logged(caplog)[0]
    assert errors_logged(caplog) == []


def test_trouble_in_the_middleware_after_the_view_still_answers_503(web: Worker, caplog: Any) -> None:
    # A lock that stops writes only: the page reads the session but cannot save it, so the failure is in
    # SessionMiddleware, after the view (PostgreSQL's EXCLUSIVE mode; SQLite's write lock is always that).
    key = web.call(a_saved_session)
    with holding_a_lock("django_session", writes_only=True):
        page = web.get("/aktorer/", HTTP_COOKIE=f"sessionid={key}")
    assert_unavailable_page(page)
    assert LOCK_TIMEOUT_MS / 1000 <= page.seconds < 3, page.seconds
    assert f"({LOCK_TROUBLE}) on GET /aktorer/" in trouble_logged(caplog)[0]
    assert errors_logged(caplog) == []
    assert web.call(lambda: Session.objects.filter(session_key=key).exists())  # kept: the visitor's session
    assert web.get("/aktorer/", HTTP_COOKIE=f"sessionid={key}").status == 200


@pytest.mark.django_db  # the worker only reads once the database is back
def test_an_unreachable_database_answers_503_with_a_page_that_needs_no_database_and_recovers(
    tmp_path: Path, caplog: Any
) -> None:
    with worker(**unreachable(tmp_path)) as web:
        page = web.get("/aktorer/")
        signed_in = web.get("/regioner/", HTTP_COOKIE=SESSION_COOKIE)
        for served in (page, signed_in):
            assert_unavailable_page(served)  # rendered while nothing could reach the database
            assert served.seconds < 5
        web.database.update(reachable_again())
        assert web.get("/aktorer/").status == 200  # kept: the same worker connects when the database is back
    assert len(trouble_logged(caplog)) == 2 and all("(unreachable)" in line for line in trouble_logged(caplog))
    assert errors_logged(caplog) == []


def test_a_connection_that_ended_while_the_worker_waited_is_replaced_without_an_error(web: Worker) -> None:
    # PostgreSQL: the server ends the session, as a database restart does to every open connection. SQLite has
    # no server that could end one: the connection ends when Django closes it (CONN_MAX_AGE, or after an error).
    assert web.get("/aktorer/").status == 200
    ended = web.call(lambda: connection.connection)
    if POSTGRESQL:
        terminate_backend(web.backend_pid())
    else:
        web.call(lambda: connection.close())
    assert web.get("/regioner/").status == 200  # Django's health check, or the next request, opened a new one
    assert web.call(lambda: connection.connection) is not ended
    assert web.call(lock_wait_ms) == LOCK_TIMEOUT_MS  # kept: the new connection stops waiting as the old one did
    assert web.get("/healthz").status == 200
