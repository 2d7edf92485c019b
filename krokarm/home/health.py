"""The database check behind /healthz: can a request read and write the tables the site needs, right now?

Monitors and load balancers poll it every few seconds, so it is one short transaction that is always rolled back,
with its own timeouts (about 2 s at most once connected, however the database behaves):

- PostgreSQL: take the lock every write takes (ROW EXCLUSIVE, which also waits for a lock that blocks reads) on
  all of krokarm's tables in one statement, then read one row from each in another, both in one round trip.
  A lock held by someone else names its table (from pg_locks).
- SQLite: take the write lock (BEGIN IMMEDIATE) with a short busy timeout, then read one row from each table.
  SQLite locks the whole file, so there is no table to name.
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper

from krokarm.lib.database import trouble

State = Literal["ok", "locked", "timeout", "unreachable", "error"]

# Two statements of at most STATEMENT_MS each; a lock wait gives up first, so that it is reported as a lock.
STATEMENT_MS = 1000
LOCK_WAIT_MS = 700

logger = logging.getLogger("krokarm.database")
_prepared: weakref.WeakSet[Any] = weakref.WeakSet()  # driver connections that have the read statement prepared


@dataclass(frozen=True)
class Health:
    database: State
    table: str | None = None

    @property
    def ok(self) -> bool:
        return self.database == "ok"


@functools.cache
def tables() -> tuple[str, ...]:
    """Every table of krokarm's own apps, and the sessions every signed-in request writes."""
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and (model._meta.app_config.name.startswith("krokarm.") or model._meta.app_label == "sessions")
    }
    return tuple(sorted(names))


def check_database() -> Health:
    """The database's state as a request would find it. Never raises for database errors."""
    health = _check()
    if not health.ok:
        logger.warning("Health check: database %s, table %s", health.database, health.table or "-")
    return health


def _check() -> Health:
    try:
        if connection.vendor == "postgresql":
            _check_postgresql()
        else:
            _check_sqlite()
        return Health("ok")
    except DatabaseError as exc:
        return _failed(exc)


def _check_postgresql() -> None:
    """One round trip: statements sent together run as one transaction of their own (PostgreSQL's simple query
    protocol), and its SET LOCAL and locks end with it. It writes nothing, so its end is as good as a rollback."""
    limits = f"SET LOCAL lock_timeout = {LOCK_WAIT_MS}; SET LOCAL statement_timeout = {STATEMENT_MS}"
    quoted = ", ".join(connection.ops.quote_name(name) for name in tables())
    with connection.cursor() as cursor:
        if connection.connection not in _prepared:
            # Planning ~70 subqueries takes ~1.7 ms and running them ~0.3 ms: each connection plans them once
            # (PREPARE lasts as long as the session, whatever happens to the transaction).
            columns = ", ".join(f"(SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1)" for name in tables())
            _run(cursor, f"{limits}; PREPARE krokarm_health AS SELECT {columns}")
            _prepared.add(connection.connection)
        _run(cursor, f"{limits}; LOCK TABLE {quoted} IN ROW EXCLUSIVE MODE; EXECUTE krokarm_health")


def _run(cursor: CursorWrapper, statements: str) -> None:
    if not connection.in_atomic_block:
        cursor.execute(statements)
        return
    with transaction.atomic():  # inside a transaction (the test suite's): a savepoint, rolled back
        cursor.execute(statements)
        transaction.set_rollback(True)


def _check_sqlite() -> None:
    """Take the write lock (BEGIN IMMEDIATE, transaction_mode in settings) within a short busy timeout, then read."""
    with _short_busy_timeout(), transaction.atomic(), connection.cursor() as cursor:
        columns = ", ".join(f"(SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1)" for name in tables())
        cursor.execute(f"SELECT {columns}")
        transaction.set_rollback(True)


@contextmanager
def _short_busy_timeout() -> Iterator[None]:
    """Wait at most LOCK_WAIT_MS for SQLite's write lock, then give the connection its own timeout back."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        configured = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured)}")


def _failed(exc: DatabaseError) -> Health:
    kind = trouble(exc)
    if kind in ("lock_timeout", "locked"):
        return Health("locked", _locked_table() if connection.vendor == "postgresql" else None)
    if kind == "statement_timeout":
        return Health("timeout")
    if kind == "unreachable":
        # Nothing to close: Django closes a broken connection after the request and, with CONN_HEALTH_CHECKS,
        # replaces a persistent one that broke while idle before the next request uses it.
        return Health("unreachable")
    if getattr(exc.__cause__, "sqlstate", None) == "26000":  # the prepared statement is gone (DISCARD ALL)
        _prepared.discard(connection.connection)
    logger.exception("Health check: unexpected database error")
    return Health("error")


def _locked_table() -> str | None:
    """The first of krokarm's tables that another session holds a lock on that blocks writes, if still held."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(STATEMENT_MS)])
            cursor.execute(
                "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()"
                " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')"
                " AND c.relname = ANY(%s) ORDER BY c.relname LIMIT 1",
                [list(tables())],
            )
            row = cursor.fetchone()
            transaction.set_rollback(True)
    except DatabaseError:
        return None
    return str(row[0]) if row else None
