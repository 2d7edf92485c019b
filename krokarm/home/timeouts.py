"""The database's statement and lock timeouts, for connections that web requests open.

A web request has WEB_TIMEOUT seconds before gunicorn kills its worker; the database stops a statement or a lock
wait well before that (settings.DATABASE_STATEMENT_TIMEOUT, DATABASE_LOCK_TIMEOUT), so the request can still
answer 503 with Retry-After. Management commands (migrate, seed, reindex, the worker) are not web requests:
their connections get no such limit, because their statements may legitimately run long and nothing kills them.

A connection belongs to the web when a request opened it: gunicorn's and runserver's workers open theirs on
their first request and keep them (CONN_MAX_AGE), re-opening inside a request when the health check fails.
The settings are session settings (`SET`), so they hold for every later request on the same connection. A
connection a request finds open without them (opened outside any request, e.g. by code run at start-up) is closed
first, so that the request opens its own; one inside a transaction is left alone (the test suite's).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

_in_web_request: ContextVar[bool] = ContextVar("krokarm_in_web_request", default=False)


_WEB = "_krokarm_web_timeouts"  # set on a connection wrapper: its current connection has the web's timeouts


def _request_started(**kwargs: Any) -> None:
    _in_web_request.set(True)
    for connection in connections.all(initialized_only=True):
        opened_elsewhere = connection.connection is not None and not getattr(connection, _WEB, False)
        if connection.vendor == "postgresql" and opened_elsewhere and not connection.in_atomic_block:
            connection.close()


def _request_finished(**kwargs: Any) -> None:
    _in_web_request.set(False)


def _set_web_timeouts(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    setattr(connection, _WEB, False)
    if not _in_web_request.get() or connection.vendor != "postgresql":
        return  # SQLite's busy timeout is set for every connection in settings.py; it has no statement timeout
    set_web_timeouts(connection)
    setattr(connection, _WEB, True)


def set_web_timeouts(connection: BaseDatabaseWrapper) -> None:
    """Give `connection` (an open PostgreSQL connection, outside a transaction) the web's timeouts."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false), set_config('lock_timeout', %s, false)",
            [str(settings.DATABASE_STATEMENT_TIMEOUT), str(settings.DATABASE_LOCK_TIMEOUT)],
        )


def connect() -> None:
    """Called once from HomeConfig.ready(), before any request or connection."""
    request_started.connect(_request_started, dispatch_uid="krokarm-web-request-started")
    request_finished.connect(_request_finished, dispatch_uid="krokarm-web-request-finished")
    connection_created.connect(_set_web_timeouts, dispatch_uid="krokarm-web-timeouts")
