"""Shared test set-up.

The test database is seeded once per session with the real reference data in
data/, so every test sees the 21 regions, 290 municipalities and the agencies
exactly as a user would; each test still runs in its own rolled-back transaction.
"""

from __future__ import annotations

from typing import Any

import pytest
import pytest_django.fixtures
from django.core.management import call_command

_databases_for_test = pytest_django.fixtures._get_databases_for_test


def _with_committed_db(test: Any) -> Any:
    """pytest-django creates the test database only for tests that ask for `db` or its kin; a test that asks for
    `committed_db` needs it too (run alone with -k, it would otherwise seed whatever DATABASE_URL names)."""
    if "committed_db" in getattr(test, "fixturenames", ()):
        return ("default",), False
    return _databases_for_test(test)


pytest_django.fixtures._get_databases_for_test = _with_committed_db


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: Any) -> None:
    """On SQLite the test database is a file (in WAL mode, as in development), not Django's shared-cache
    in-memory database: tests that run workers as threads with their own connections (krokarm/outbox,
    krokarm/jobs) then wait for each other's locks as real processes do, instead of failing at once with
    "database table is locked"."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Seed the test database once, and keep a snapshot of it for `committed_db` (a test that commits, and
    pytest-django's transactional tests that flush the database afterwards, never reach the snapshot)."""
    with django_db_blocker.unblock():
        call_command("seed", verbosity=0)
        snapshot = _take_snapshot()
    yield
    with django_db_blocker.unblock():
        _drop(snapshot)


def _admin_params() -> dict[str, Any]:
    from django.db import connections

    params = connections["default"].get_connection_params()
    return {k: v for k, v in params.items() if k not in ("dbname", "database")}


def _copy_database(source: str, target: str) -> None:
    """A copy of database or file `source` as `target` (PostgreSQL: CREATE DATABASE … TEMPLATE, ~0.2 s;
    SQLite: the backup API). Nobody may be connected to a PostgreSQL `source`."""
    from django.db import connections

    if connections["default"].vendor == "postgresql":
        import psycopg
        from psycopg import sql

        with psycopg.connect(dbname="postgres", autocommit=True, **_admin_params()) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(source))
            )
    else:
        import sqlite3

        with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
            reading.backup(writing)
        reading.close()
        writing.close()


def _drop(name: str) -> None:
    from django.db import connections

    if connections["default"].vendor == "postgresql":
        import psycopg
        from psycopg import sql

        with psycopg.connect(dbname="postgres", autocommit=True, **_admin_params()) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    else:
        from pathlib import Path

        for suffix in ("", "-wal", "-shm"):  # the file, its write-ahead log and its shared memory
            Path(name + suffix).unlink(missing_ok=True)


def _take_snapshot() -> str:
    from django.db import connections

    name = connections["default"].settings_dict["NAME"]
    snapshot = f"{name}_seeded" if connections["default"].vendor == "postgresql" else f"{name}.seeded"
    connections.close_all()
    _copy_database(name, snapshot)
    return snapshot


@pytest.fixture(autouse=True)
def _no_n_plus_one() -> Any:
    """Every test fails on an N+1 query pattern (django-zeal)."""
    from zeal import zeal_context

    with zeal_context():
        yield


@pytest.fixture(autouse=True)
def _empty_page_cache() -> None:
    """Each test starts with an empty page cache (see krokarm/audit/cache.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory: Any) -> Any:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, _media_root: Any) -> None:
    settings.MEDIA_ROOT = _media_root  # uploaded files never land in var/
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REQUIRE_TWO_FACTOR = False  # accounts/tests/test_two_factor.py turns it on to test enforcement
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Personas. More arrive with accounts and organisations (agency officer, regional coordinator…).
@pytest.fixture
def staff_user(db: Any) -> Any:
    from krokarm.accounts.tests.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client: Any, staff_user: Any) -> Any:
    from zeal import zeal_ignore

    with zeal_ignore():  # logging in reads the session table in a loop by design
        client.force_login(staff_user)
    return client


@pytest.fixture
def committed_db(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """A private copy of the seeded test database in which every write commits, for race tests.

    Requests on several threads (each opens its own connection) then really meet in the database, as two
    gunicorn workers do: PostgreSQL's row locks and unique indexes, SQLite's one writer at a time (a file
    database in WAL mode, as in production). The copy is made from the snapshot taken right after the session's
    seed (so it holds the reference data whatever ran before) and dropped afterwards; the shared test database
    is never flushed. Use it instead of `db`; threads must call `django.db.connections.close_all()` when done.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        settings_dict = connections["default"].settings_dict
        original = settings_dict["NAME"]
        postgres = connections["default"].vendor == "postgresql"
        copy = f"{original}_committed" if postgres else f"{original}.committed"
        connections.close_all()
        _copy_database(f"{original}_seeded" if postgres else f"{original}.seeded", copy)
        settings_dict["NAME"] = copy
        try:
            yield
        finally:
            connections.close_all()
            settings_dict["NAME"] = original
            _drop(copy)
