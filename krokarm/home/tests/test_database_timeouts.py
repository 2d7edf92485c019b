"""The database's timeouts come from the environment: web requests get the statement and lock timeouts, commands
(migrate, seed, reindex, the worker) do not, and the deploy check refuses timeouts the web server would outlast.

Every test runs on PostgreSQL and on SQLite. SQLite has no statement timeout and no per-session settings: its busy
timeout is the lock timeout, set once for every connection, web or command (settings.py); the tests assert that.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from krokarm.home.checks import database_timeouts_end_before_the_web_server_gives_up as check
from krokarm.home.tests.db_faults import lock_wait_ms, waiting_for_locks_at_most, worker
from krokarm.home.tests.test_settings import PRODUCTION, run_check

POSTGRESQL = connection.vendor == "postgresql"


def limits() -> dict[str, Any]:
    """The current connection's limits on waiting: PostgreSQL's session settings, SQLite's busy timeout."""
    if not POSTGRESQL:
        return {"busy_timeout": lock_wait_ms()}
    with connection.cursor() as cursor:
        values = {}
        for name in ("statement_timeout", "lock_timeout"):
            cursor.execute(f"SHOW {name}")
            values[name] = cursor.fetchone()[0]
    return values


def open_connection() -> Any:
    connection.ensure_connection()
    return connection.connection


def test_a_web_requests_connection_has_the_statement_and_lock_timeouts(committed_db: Any, settings: Any) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = 7000
    with worker(**waiting_for_locks_at_most(1500, settings)) as web:
        assert web.get("/healthz").status == 200
        if POSTGRESQL:
            assert web.call(limits) == {"statement_timeout": "7s", "lock_timeout": "1500ms"}
        else:  # no statement timeout to set; the lock timeout is the busy timeout, and the request keeps it
            assert web.call(limits) == {"busy_timeout": 1500}


def test_a_connection_opened_before_any_request_gets_the_timeouts_when_a_request_uses_it(committed_db: Any) -> None:
    # PostgreSQL: a connection opened outside a request (as at start-up) has no timeouts, so a request replaces it.
    # SQLite: every connection has the busy timeout from the start (settings.py), so a request keeps it.
    with worker() as web:
        opened = web.call(open_connection)  # outside any request
        before = web.call(limits)
        assert web.get("/healthz").status == 200
        after = web.call(limits)
        kept = web.call(lambda: connection.connection) is opened
    if POSTGRESQL:
        assert before["statement_timeout"] == "0" and not kept
        assert after == {"statement_timeout": "10s", "lock_timeout": "5s"}  # the defaults
    else:
        assert before == after == {"busy_timeout": 5000} and kept  # the default lock timeout


def run_command(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`krokarm shell -c code`: a management command, started the way an operator or a timer starts one."""
    return subprocess.run(
        [sys.executable, "-m", "krokarm", "shell", "--no-imports", "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=120,
    )


@pytest.mark.django_db
def test_a_command_is_never_cut_by_the_web_timeouts_and_on_sqlite_waits_for_locks_as_long_as_the_lock_timeout(
    tmp_path: Path,
) -> None:
    # PostgreSQL: no statement or lock timeout (a long migration or purge is never cut half-way), but the connect
    # timeout. SQLite: one file for web and commands alike, so a command waits for the write lock as long as a
    # request does (the busy timeout is the lock timeout); there is no statement timeout to leave out.
    env = {"DATABASE_STATEMENT_TIMEOUT": "7000", "DATABASE_LOCK_TIMEOUT": "1234", "DATABASE_CONNECT_TIMEOUT": "4"}
    if POSTGRESQL:
        database = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        )
        code = (
            "from django.db import connection; cursor = connection.cursor(); values = []\n"
            "for name in ('statement_timeout', 'lock_timeout'):\n"
            "    cursor.execute(f'SHOW {name}'); values.append(cursor.fetchone()[0])\n"
            "print(*values, connection.connection.info.get_parameters()['connect_timeout'])"
        )
        expected = ["0", "0", "4"]
    else:
        env.update({"DATABASE_URL": "", "KROKARM_VAR_DIR": str(tmp_path)})  # the development database, in tmp_path
        code = (
            "from django.db import connection\nprint(connection.cursor().execute('PRAGMA busy_timeout').fetchone()[0])"
        )
        expected = ["1234"]
    result = run_command(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


def test_the_default_timeouts_pass_the_deploy_check() -> None:
    assert check() == []


def test_a_lock_timeout_the_web_server_would_outlast_is_refused(settings: Any) -> None:
    settings.WEB_TIMEOUT = 10
    settings.DATABASE_STATEMENT_TIMEOUT = 8_000
    settings.DATABASE_LOCK_TIMEOUT = 10_000
    [error] = check()
    assert error.id == "database.E001" and "DATABASE_LOCK_TIMEOUT (10000 ms)" in error.msg


def test_no_lock_timeout_at_all_is_a_warning(settings: Any) -> None:
    settings.DATABASE_LOCK_TIMEOUT = 0
    assert [message.id for message in check()] == ["database.W001"]


def test_a_statement_timeout_the_web_server_would_outlast_is_refused_where_there_is_one(settings: Any) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = 30_000
    if POSTGRESQL:
        [error] = check()
        assert error.id == "database.E001" and "DATABASE_STATEMENT_TIMEOUT (30000 ms)" in error.msg
    else:  # SQLite has no statement timeout: the setting is ignored, and so is its check
        assert check() == []


def test_krokarm_check_deploy_runs_the_timeout_check() -> None:
    result = run_check({**PRODUCTION, "WEB_TIMEOUT": "5", "DATABASE_LOCK_TIMEOUT": "5000"})
    assert result.returncode != 0
    assert "database.E001" in result.stdout + result.stderr
