"""Shared test set-up.

The test database is seeded once per session with the real reference data in
data/, so every test sees the 21 regions, 290 municipalities and the agencies
exactly as a user would; each test still runs in its own rolled-back transaction.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command


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
def django_db_setup(django_db_setup: Any, django_db_blocker: Any, django_db_keepdb: bool) -> Any:
    """The test database, seeded. pytest-django creates only the databases that the collected tests marked
    django_db (or using `db`) ask for: when every test that runs uses `committed_db` (a race module run alone), it
    creates none and leaves the connection on the development database, so create the test database here then."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        creation = connections["default"].creation
        made = None
        if connections["default"].settings_dict["NAME"] != creation._get_test_db_name():  # type: ignore[attr-defined]
            aliases: Any = {"default"}  # a set of aliases, as pytest-django passes (the stubs say a mapping)
            made = setup_databases(verbosity=0, interactive=False, aliases=aliases, keepdb=django_db_keepdb)
        call_command("seed", verbosity=0)
    yield
    if made is not None and not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(made, verbosity=0)


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
    database in WAL mode, as in production). The copy is made from the seeded database (PostgreSQL: CREATE
    DATABASE … TEMPLATE, ~0.2 s; SQLite: the backup API) and dropped afterwards, so the shared test database is
    never flushed. Use it instead of `db`; threads must call `django.db.connections.close_all()` when done.
    """
    import shutil
    import sqlite3
    import tempfile
    from pathlib import Path

    from django.db import connections

    with django_db_blocker.unblock():
        connection = connections["default"]
        settings_dict = connection.settings_dict
        original = settings_dict["NAME"]
        if connection.vendor == "postgresql":
            import psycopg
            from psycopg import sql

            copy = f"{original}_committed"
            connections.close_all()
            params = {k: v for k, v in connection.get_connection_params().items() if k not in ("dbname", "database")}
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy)))
                admin.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(copy), sql.Identifier(original))
                )
            settings_dict["NAME"] = copy
            try:
                yield
            finally:
                connections.close_all()
                settings_dict["NAME"] = original
                with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
                    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy)))
        else:
            connection.ensure_connection()
            folder = tempfile.mkdtemp(prefix="krokarm-committed-")
            path = str(Path(folder) / "db.sqlite3")
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            # Keep the test database's handle aside (an in-memory one lives only while a handle is open) and connect
            # anew.
            kept, connection.connection = connection.connection, None
            settings_dict["NAME"] = path
            try:
                yield
            finally:
                connections.close_all()
                settings_dict["NAME"] = original
                connection.connection = kept
                shutil.rmtree(folder, ignore_errors=True)  # the copy, its WAL and shared-memory files (12 MB each)
