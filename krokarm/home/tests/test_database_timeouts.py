"""The database's timeouts come from the environment: web requests get the statement and lock timeouts, commands
(migrate, seed, reindex, the worker) do not, and the deploy check refuses timeouts the web server would outlast."""

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
from krokarm.home.tests.db_faults import worker
from krokarm.home.tests.test_settings import PRODUCTION, run_check

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's session settings")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's busy timeout")


def shown(*names: str) -> list[str]:
    with connection.cursor() as cursor:
        values = []
        for name in names:
            cursor.execute(f"SHOW {name}")
            values.append(cursor.fetchone()[0])
    return values


@postgresql_only
def test_a_web_requests_connection_has_the_statement_and_lock_timeouts(settings: Any) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = 7000
    settings.DATABASE_LOCK_TIMEOUT = 1500
    with worker() as web:
        assert web.get("/healthz").status == 200
        assert web.call(lambda: shown("statement_timeout", "lock_timeout")) == ["7s", "1500ms"]


@postgresql_only
def test_a_connection_opened_before_any_request_gets_the_timeouts_when_a_request_uses_it() -> None:
    with worker() as web:
        assert web.call(lambda: shown("statement_timeout")) == ["0"]  # opened outside a request, as at start-up
        assert web.get("/healthz").status == 200
        assert web.call(lambda: shown("statement_timeout", "lock_timeout")) == ["10s", "5s"]  # the defaults


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


@postgresql_only
def test_a_command_runs_without_the_statement_and_lock_timeouts_but_with_the_connect_timeout() -> None:
    database = connection.settings_dict
    url = (
        f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
        f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    code = (
        "from django.db import connection; cursor = connection.cursor(); values = []\n"
        "for name in ('statement_timeout', 'lock_timeout'):\n"
        "    cursor.execute(f'SHOW {name}'); values.append(cursor.fetchone()[0])\n"
        "print(*values, connection.connection.info.get_parameters()['connect_timeout'])"
    )
    result = run_command(code, {"DATABASE_URL": url, "DATABASE_CONNECT_TIMEOUT": "4"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0", "4"]  # a long migration or purge is never cut half-way


@sqlite_only
def test_sqlites_busy_timeout_is_the_lock_timeout_for_every_connection(tmp_path: Path) -> None:
    code = "from django.db import connection; print(connection.cursor().execute('PRAGMA busy_timeout').fetchone()[0])"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"KROKARM_VAR_DIR": str(tmp_path), "DATABASE_LOCK_TIMEOUT": "1234"})
    result = subprocess.run(
        [sys.executable, "-m", "krokarm", "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1234"


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


@postgresql_only
def test_a_statement_timeout_the_web_server_would_outlast_is_refused(settings: Any) -> None:
    settings.DATABASE_STATEMENT_TIMEOUT = 30_000
    [error] = check()
    assert error.id == "database.E001" and "DATABASE_STATEMENT_TIMEOUT (30000 ms)" in error.msg


def test_krokarm_check_deploy_runs_the_timeout_check() -> None:
    result = run_check({**PRODUCTION, "WEB_TIMEOUT": "5", "DATABASE_LOCK_TIMEOUT": "5000"})
    assert result.returncode != 0
    assert "database.E001" in result.stdout + result.stderr
