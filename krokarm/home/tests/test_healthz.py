"""/healthz tells the truth, quickly: 200 when a request could read and write now; 503 naming what failed when
the database is locked, too slow or unreachable; 200 again by itself when the trouble is over.

Every test runs on PostgreSQL and on SQLite: PostgreSQL locks tables, so the check names the locked one; SQLite
locks the whole file, and has no statement timeout (see krokarm/home/health.py)."""

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from krokarm.home import health
from krokarm.home.tests.db_faults import (
    Worker,
    holding_a_lock,
    lock_wait_ms,
    reachable_again,
    unreachable,
    waiting_for_locks_at_most,
    worker,
)

POSTGRESQL = connection.vendor == "postgresql"
BUDGET_S = 2.5  # the check's own timeouts add up to 2 s once connected
REQUESTS_LOCK_WAIT_MS = 5000  # the requests' own lock wait (the default): the check waits its own shorter time


@pytest.fixture
def web(committed_db: Any, settings: Any) -> Iterator[Worker]:
    with worker(**waiting_for_locks_at_most(REQUESTS_LOCK_WAIT_MS, settings)) as started:
        yield started


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reads_every_table_of_krokarms_apps_and_the_sessions():
    tables = health.tables()
    assert {"actors_actor", "cases_case", "django_session", "accounts_user", "audit_auditentry"} <= set(tables)
    assert not any(name.startswith(("auth_", "django_admin", "axes_")) for name in tables)


@pytest.mark.parametrize(
    ("table", "writes_only"), [("cases_case", False), ("actors_service", True)], ids=["reads-and-writes", "writes"]
)
def test_healthz_answers_503_locked_within_its_own_lock_wait_and_200_once_the_lock_is_released(
    web: Worker, table: str, writes_only: bool, caplog: Any
) -> None:
    # PostgreSQL: ACCESS EXCLUSIVE stops reads and writes (a migration), EXCLUSIVE only writes, which the check
    # also tries; the check names the table. SQLite: the write lock, on the whole file, so no table is named.
    assert web.get("/healthz").status == 200
    with holding_a_lock(table, writes_only=writes_only):
        locked = web.get("/healthz")
    named = table if POSTGRESQL else None
    assert locked.status == 503
    assert locked.json() == {"status": "unavailable", "database": "locked", **({"table": named} if named else {})}
    assert health.LOCK_WAIT_MS / 1000 <= locked.seconds < BUDGET_S, locked.seconds
    assert web.get("/healthz").json() == {"status": "ok", "database": "ok"}  # by itself, same worker
    assert web.call(lock_wait_ms) == REQUESTS_LOCK_WAIT_MS  # kept: the requests after the check wait as before
    warnings = [r.getMessage() for r in caplog.records if r.name == "krokarm.database"]
    assert warnings == [f"Health check: database locked, table {named or '-'}"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_healthz_answers_503_timeout_when_its_check_does_not_finish_in_time_and_sqlite_has_only_its_lock_wait(
    web: Worker, monkeypatch: Any
) -> None:
    # A lock wait longer than the check's statement timeout: on PostgreSQL the statement timeout cuts the wait;
    # SQLite has no statement timeout, so there the (longer) lock wait alone bounds the check.
    monkeypatch.setattr(health, "LOCK_WAIT_MS", 1500)
    assert health.STATEMENT_MS < health.LOCK_WAIT_MS
    if POSTGRESQL:
        state, stopped_after = "timeout", health.STATEMENT_MS
    else:
        state, stopped_after = "locked", health.LOCK_WAIT_MS
    assert web.get("/healthz").status == 200
    with holding_a_lock("actors_actor"):
        hung = web.get("/healthz")
    assert hung.status == 503 and hung.json() == {"status": "unavailable", "database": state}
    assert stopped_after / 1000 <= hung.seconds < BUDGET_S, hung.seconds
    assert web.get("/healthz").status == 200


def test_healthz_answers_503_unreachable_and_200_when_the_database_is_back(committed_db: Any, tmp_path: Path) -> None:
    with worker(**unreachable(tmp_path)) as web:
        down = web.get("/healthz")
        assert down.status == 503 and down.json() == {"status": "unavailable", "database": "unreachable"}
        assert down.seconds < BUDGET_S
        web.database.update(reachable_again())
        assert web.get("/healthz").json() == {"status": "ok", "database": "ok"}
