"""A web worker on its own thread, and ways to lock or cut off the database under it, on PostgreSQL and SQLite.

`Worker` is what gunicorn runs: Django's WSGIHandler (krokarm.wsgi.application, made anew so that it reads the
test settings), called with a WSGI environ on one thread that keeps its
own database connection between requests (CONN_MAX_AGE), with the request signals that check, close and reopen
it. Django's test client would share the test's connection and transaction instead, and skip those signals.
What a worker writes is committed, so a test whose worker writes, or that holds a lock, uses `committed_db`
(krokarm/conftest.py): a private copy of the seeded test database, dropped afterwards, on which no test transaction
holds a lock (on SQLite the test's own transaction would hold the write lock). A worker that only reads may share
the test database (`django_db`).

The faults are the same on both databases; what they stop differs, and the helpers say how:
- `holding_a_lock(table)`: PostgreSQL locks one table (reads and writes wait); SQLite has one write lock for the
  whole file, and in WAL mode readers never wait for it, so there only writes wait.
- `waiting_for_locks_at_most(ms)`: PostgreSQL's lock_timeout, SQLite's busy timeout.
- `unreachable(directory)`: a closed port, or a file in a missing folder.
"""

from __future__ import annotations

import json
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import psycopg
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import RequestFactory


@dataclass
class Served:
    status: int
    headers: dict[str, str]
    text: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.text)


class Worker:
    """One web worker with its own database settings (`self.database`, changeable between requests)."""

    def __init__(self, **database: Any) -> None:
        self.database: dict[str, Any] = {**connection.settings_dict, **database}
        self._backend = type(connections["default"])  # `connection` is only a proxy to it
        self._application = WSGIHandler()
        self.cookies: SimpleCookie = SimpleCookie()
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        connections["default"] = self._backend(self.database, "default")  # this thread's only
        try:
            while (job := self._jobs.get()) is not None:
                job()
        finally:
            connections.close_all()

    def call(self, function: Callable[[], Any], *, timeout: float = 60) -> Any:
        """Run `function` on the worker's thread, with its connection; return its result or raise its error."""
        done = threading.Event()
        outcome: dict[str, Any] = {}

        def job() -> None:
            try:
                outcome["result"] = function()
            except BaseException as error:
                outcome["error"] = error
            finally:
                done.set()

        self._jobs.put(job)
        assert done.wait(timeout), f"the worker did not finish within {timeout} s"
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("result")

    def request(self, method: str, path: str, data: Any = None, *, json_body: Any = None, **extra: Any) -> Served:
        """`data` is a query (GET) or a form (POST); `json_body` is sent as JSON with any method."""
        if self.cookies:
            extra["HTTP_COOKIE"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        factory = RequestFactory()
        if json_body is not None:
            built = factory.generic(method, path, json.dumps(json_body), "application/json", **extra)
        else:
            built = getattr(factory, method.lower())(path, data or {}, **extra)
        return self.call(lambda: self._send(built.environ))

    def _send(self, environ: dict[str, Any]) -> Served:
        started = time.monotonic()
        answer: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            answer["status"], answer["headers"] = int(status.split()[0]), headers
            return lambda data: None  # the legacy write(); Django never calls it

        response = self._application(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()  # request_finished: Django closes a broken or expired connection here
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                self.cookies.load(value)
        headers = dict(answer["headers"])
        return Served(answer["status"], headers, body.decode(), time.monotonic() - started)

    def get(self, path: str, **extra: Any) -> Served:
        return self.request("GET", path, **extra)

    def post(self, path: str, data: dict[str, Any], **extra: Any) -> Served:
        """A form post with the CSRF token the site gave this worker's visitor (get a page with a form first)."""
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}, **extra)

    def backend_pid(self) -> int:
        def pid() -> int:
            connection.ensure_connection()
            return int(connection.connection.info.backend_pid)

        return int(self.call(pid))

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(30)


@contextmanager
def worker(**database: Any) -> Iterator[Worker]:
    started = Worker(**database)
    try:
        yield started
    finally:
        started.stop()


def a_saved_session() -> str:
    """A visitor's session in the database, committed (run it on a worker: its requests must see it)."""
    session = SessionStore()
    session["seen_start_page"] = True
    session.create()
    return str(session.session_key)


def side_connection() -> psycopg.Connection[Any]:
    """A plain psycopg connection to the test database: another session, as another process would have."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )


@contextmanager
def holding_a_lock(table: str, *, writes_only: bool = False) -> Iterator[None]:
    """Another connection holds a lock that stops writes to `table` until the end, as a migration or a long job does.

    PostgreSQL: `LOCK TABLE table IN ACCESS EXCLUSIVE MODE` (what ALTER TABLE takes: reads of that table wait too),
    or EXCLUSIVE MODE with `writes_only` (reads pass, writes wait). SQLite: the database's write lock (BEGIN
    IMMEDIATE on a connection of its own to the database file). It stops writes to every table and, in WAL mode,
    never reads, whatever `writes_only` says. Use it with `committed_db`: no test transaction may hold the lock.
    """
    if connection.vendor == "postgresql":
        with _postgresql_lock(table, "EXCLUSIVE" if writes_only else "ACCESS EXCLUSIVE"):
            yield
    else:
        with _sqlite_write_lock(table):
            yield


@contextmanager
def _postgresql_lock(table: str, mode: str) -> Iterator[None]:
    with side_connection() as other:
        other.execute("SET lock_timeout = '5s'")  # never wait for the test itself
        other.execute(f'LOCK TABLE "{table}" IN {mode} MODE')
        try:
            yield
        finally:
            other.rollback()


@contextmanager
def _sqlite_write_lock(table: str) -> Iterator[None]:
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=5)
    try:
        other.execute("PRAGMA journal_mode=WAL")  # as the site's connections have it (settings.py)
        other.execute("BEGIN IMMEDIATE")
        try:
            other.execute(f'SELECT 1 FROM "{table}" LIMIT 1')  # the table exists here too
            yield
        finally:
            other.execute("ROLLBACK")
    finally:
        other.close()


def waiting_for_locks_at_most(milliseconds: int, settings: Any) -> dict[str, Any]:
    """Worker settings with which a request stops waiting for a lock after `milliseconds`.

    PostgreSQL: the lock_timeout that web requests' connections get from settings.DATABASE_LOCK_TIMEOUT (set here
    through pytest-django's `settings`). SQLite: the busy timeout, which settings.py puts in every connection's
    init_command once, at start-up, from the same setting: so here it goes in the worker's OPTIONS.
    """
    settings.DATABASE_LOCK_TIMEOUT = milliseconds
    if connection.vendor == "postgresql":
        return {}
    options = dict(connection.settings_dict["OPTIONS"])
    options["init_command"] = re.sub(r"busy_timeout=\d+", f"busy_timeout={milliseconds}", options["init_command"])
    return {"OPTIONS": options}


def lock_wait_ms() -> int:
    """How long the current connection waits for a lock, in ms: PostgreSQL's lock_timeout, SQLite's busy timeout."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setting::int FROM pg_settings WHERE name = 'lock_timeout'")
        else:
            cursor.execute("PRAGMA busy_timeout")
        return int(cursor.fetchone()[0])


def terminate_backend(pid: int) -> None:
    """Ends one database session, as a database restart or a dropped network connection would."""
    with side_connection() as other:
        other.autocommit = True
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the session did not end"
            time.sleep(0.05)


def unreachable(directory: Path) -> dict[str, Any]:
    """Worker settings for a database nobody can reach: a closed port, or an SQLite file in a missing folder."""
    if connection.vendor == "postgresql":
        return {"HOST": "127.0.0.1", "PORT": "1"}
    return {"NAME": str(directory / "missing" / "krokarm.sqlite3")}


def reachable_again() -> dict[str, Any]:
    """Worker settings for the test database again, after `unreachable`."""
    return {key: connection.settings_dict[key] for key in ("NAME", "HOST", "PORT", "OPTIONS")}
