"""What went wrong with the database, in the few words the edge answers with.

A request that runs into a lock or statement timeout, SQLite's "database is locked" or a database it cannot
reach is not a bug in krokarm: the transaction was rolled back, and the same request will most likely work a
little later. The edge (home/errors.py, api/views.py) answers such a request with 503 and `Retry-After`
instead of 500, and `trouble()` says whether an exception is one of them.
"""

from __future__ import annotations

import logging
from typing import Literal, TypeVar

from django.db import Error, InterfaceError
from django.http import HttpRequest, HttpResponse

R = TypeVar("R", bound=HttpResponse)
Trouble = Literal["lock_timeout", "statement_timeout", "locked", "unreachable"]

# Seconds a client is asked to wait before trying again. The web timeouts are a few seconds; a lock held
# long enough to reach them is usually a migration or a long job, which takes longer than that to finish.
RETRY_AFTER_SECONDS = 30

logger = logging.getLogger("krokarm.database")

# PostgreSQL's SQLSTATE codes (appendix A of its manual) that say "not now" rather than "wrong".
_LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout
_QUERY_CANCELED = "57014"  # statement_timeout (or pg_cancel_backend)
_UNREACHABLE = {
    "53300",  # too_many_connections
    "57P01",  # admin_shutdown: the server was stopped, or pg_terminate_backend
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now: the server is starting up or shutting down
}
# SQLite's primary result codes (the low byte of the extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CANTOPEN = 5, 6, 14


def trouble(exc: BaseException) -> Trouble | None:
    """The kind of passing database trouble behind `exc` (or what caused it), or None for anything else.

    None covers every other database error too (a missing table, a constraint): those are bugs and stay 500s.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, Error):  # Django's: DatabaseError (OperationalError…) and InterfaceError
            kind = _kind(current)
            if kind is not None:
                return kind
        current = current.__cause__ or current.__context__
    return None


def _kind(error: Error) -> Trouble | None:
    # Django wraps the driver's exception and keeps it as __cause__; the driver's has the codes.
    driver = error.__cause__ if isinstance(error.__cause__, Exception) else error
    sqlite_code = getattr(driver, "sqlite_errorcode", None)
    if sqlite_code is not None:
        primary = sqlite_code & 0xFF
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return "locked"
        return "unreachable" if primary == _SQLITE_CANTOPEN else None
    if type(driver).__module__.split(".")[0] != "psycopg":
        return None
    sqlstate = getattr(driver, "sqlstate", None)
    if sqlstate == _LOCK_NOT_AVAILABLE:
        return "lock_timeout"
    if sqlstate == _QUERY_CANCELED:
        return "statement_timeout"
    if sqlstate in _UNREACHABLE or (sqlstate or "").startswith("08"):
        return "unreachable"
    # Errors without a SQLSTATE come from the client library, not the server: the connection could not be
    # made, or was lost (server closed the connection unexpectedly, the connection is closed).
    if sqlstate is None and (isinstance(error, InterfaceError) or type(driver).__name__ == "OperationalError"):
        return "unreachable"
    return None


def log_trouble(kind: Trouble, request: HttpRequest, exc: BaseException) -> None:
    """One WARNING line per request that answered 503 because of `kind`, with the database's own words.

    Once per request: after a view failed, a middleware on the way out may fail on the same database again
    (SessionMiddleware reads the session's expiry before it skips saving on a 5xx), and be answered again.
    """
    if getattr(request, "_krokarm_database_trouble", None):
        return
    request._krokarm_database_trouble = kind  # type: ignore[attr-defined]
    message = " ".join(str(exc).split())[:300]
    logger.warning("Database trouble (%s) on %s %s, answered 503: %s", kind, request.method, request.path, message)


def already_logged(response: R) -> R:
    """Keep Django's request logger from logging `response` again, at ERROR (django.utils.log.log_response)."""
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
