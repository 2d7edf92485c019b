"""Which database errors are passing trouble (503, try again) and which are bugs (500)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from django.db import DatabaseError, Error, IntegrityError, InterfaceError, OperationalError, ProgrammingError

from krokarm.lib.database import trouble


def wrapped(driver: Exception, django_class: type[Error] = OperationalError) -> Error:
    """The driver's exception as Django raises it: Django's class, with the driver's exception as the cause."""
    error = django_class(*driver.args)
    error.__cause__ = driver
    return error


@pytest.mark.parametrize(
    ("driver", "kind"),
    [
        (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), "lock_timeout"),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), "statement_timeout"),
        (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), "unreachable"),
        (psycopg.errors.CannotConnectNow("the database system is starting up"), "unreachable"),
        (psycopg.errors.TooManyConnections("sorry, too many clients already"), "unreachable"),
        (psycopg.OperationalError("connection failed: Connection refused"), "unreachable"),
        (psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly"), "unreachable"),
    ],
)
def test_postgresqls_timeouts_and_lost_connections_are_passing_trouble(driver: Exception, kind: str) -> None:
    assert trouble(wrapped(driver)) == kind


def test_a_closed_connection_is_unreachable() -> None:
    assert trouble(wrapped(psycopg.InterfaceError("the connection is closed"), InterfaceError)) == "unreachable"


@pytest.mark.parametrize(
    ("driver", "django_class"),
    [
        (psycopg.errors.UndefinedTable('relation "actors_actor" does not exist'), ProgrammingError),
        (psycopg.errors.UniqueViolation("duplicate key value violates unique constraint"), IntegrityError),
        (psycopg.errors.DeadlockDetected("deadlock detected"), OperationalError),
        (psycopg.errors.DiskFull("could not extend file"), OperationalError),
    ],
)
def test_other_database_errors_are_bugs_or_races_not_trouble(driver: Exception, django_class: type) -> None:
    assert trouble(wrapped(driver, django_class)) is None


def sqlite_error(tmp_path: Path, action: str) -> sqlite3.Error:
    path = tmp_path / "db.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        other.execute(action)
    except sqlite3.Error as error:
        return error
    finally:
        holder.close()
    raise AssertionError(f"SQLite did not refuse {action!r}")


def test_sqlites_busy_database_is_locked(tmp_path: Path) -> None:
    assert trouble(wrapped(sqlite_error(tmp_path, "BEGIN IMMEDIATE"))) == "locked"


def test_sqlites_missing_table_is_a_bug(tmp_path: Path) -> None:
    assert trouble(wrapped(sqlite_error(tmp_path, "SELECT * FROM nowhere"))) is None


def test_sqlite_that_cannot_open_its_file_is_unreachable(tmp_path: Path) -> None:
    try:
        sqlite3.connect(tmp_path / "missing" / "db.sqlite3")
    except sqlite3.OperationalError as error:
        assert trouble(wrapped(error)) == "unreachable"
    else:
        raise AssertionError("SQLite opened a file in a missing folder")


def test_trouble_is_found_behind_the_exceptions_raised_while_handling_it() -> None:
    # Django's session store turns a failed save into UpdateError, and the middleware that into SessionInterrupted.
    try:
        try:
            raise wrapped(psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"))
        except DatabaseError as error:
            raise RuntimeError("the session could not be saved") from error
    except RuntimeError as outer:
        assert trouble(outer) == "lock_timeout"


def test_an_error_that_has_nothing_to_do_with_the_database_is_not_trouble() -> None:
    assert trouble(ValueError("a bug")) is None
