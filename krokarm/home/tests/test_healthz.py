"""/healthz tells the truth, quickly: 200 when a request could read and write now; 503 naming what failed when
the database is locked, too slow or unreachable; 200 again by itself when the trouble is over."""

import logging
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from krokarm.home import health
from krokarm.home.tests.db_faults import own_database, sqlite_write_locked, table_locked, unreachable, worker

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks and timeouts")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
BUDGET_S = 2.5  # the check's own timeouts add up to 2 s once connected


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reads_every_table_of_krokarms_apps_and_the_sessions():
    tables = health.tables()
    assert {"actors_actor", "cases_case", "django_session", "accounts_user", "audit_auditentry"} <= set(tables)
    assert not any(name.startswith(("auth_", "django_admin", "axes_")) for name in tables)


@postgresql_only
@pytest.mark.parametrize(("table", "mode"), [("cases_case", "ACCESS EXCLUSIVE"), ("actors_service", "EXCLUSIVE")])
def test_healthz_answers_503_naming_a_locked_table_and_200_once_it_is_released(
    table: str, mode: str, caplog: Any
) -> None:
    # ACCESS EXCLUSIVE stops reads and writes (a migration); EXCLUSIVE only writes, which the check also tries.
    with worker() as web:
        assert web.get("/healthz").status == 200
        with table_locked(table, mode):
            locked = web.get("/healthz")
        assert locked.status == 503
        assert locked.json() == {"status": "unavailable", "database": "locked", "table": table}
        assert locked.seconds < BUDGET_S, locked.seconds
        assert web.get("/healthz").json() == {"status": "ok", "database": "ok"}  # by itself, same worker
    warnings = [r.getMessage() for r in caplog.records if r.name == "krokarm.database"]
    assert warnings == [f"Health check: database locked, table {table}"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@postgresql_only
def test_healthz_answers_503_timeout_when_its_check_does_not_finish_in_time(monkeypatch: Any) -> None:
    monkeypatch.setattr(health, "LOCK_WAIT_MS", 5000)  # the wait is cut by the check's statement timeout instead
    with worker() as web:
        assert web.get("/healthz").status == 200
        with table_locked("actors_actor"):
            hung = web.get("/healthz")
        assert hung.status == 503 and hung.json() == {"status": "unavailable", "database": "timeout"}
        assert health.STATEMENT_MS / 1000 <= hung.seconds < BUDGET_S, hung.seconds


def test_healthz_answers_503_unreachable_and_200_when_the_database_is_back(tmp_path: Path) -> None:
    with worker(**unreachable(tmp_path)) as web:
        down = web.get("/healthz")
        assert down.status == 503 and down.json() == {"status": "unavailable", "database": "unreachable"}
        assert down.seconds < BUDGET_S
        web.database.update({key: connection.settings_dict[key] for key in ("NAME", "HOST", "PORT", "OPTIONS")})
        web.database.update(own_database(tmp_path))
        assert web.get("/healthz").json() == {"status": "ok", "database": "ok"}


@sqlite_only
def test_healthz_answers_503_locked_while_another_connection_holds_the_sqlite_write_lock(tmp_path: Path) -> None:
    database = own_database(tmp_path, busy_timeout_ms=5000)  # the check waits its own shorter time, not this
    with worker(**database) as web:
        assert web.get("/healthz").status == 200
        with sqlite_write_locked(database["NAME"]):
            locked = web.get("/healthz")
        assert locked.status == 503 and locked.json() == {"status": "unavailable", "database": "locked"}
        assert health.LOCK_WAIT_MS / 1000 <= locked.seconds < BUDGET_S, locked.seconds
        assert web.get("/healthz").status == 200
        busy_timeout = web.call(lambda: connection.cursor().execute("PRAGMA busy_timeout").fetchone()[0])
        assert busy_timeout == 5000  # the connection's own timeout is back for the requests after the check
