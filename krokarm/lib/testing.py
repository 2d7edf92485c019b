"""Helpers for tests: several calls at the same instant, for race tests.

Use `at_once` with the `committed_db` fixture (krokarm/conftest.py): each call runs on its own thread, so it opens
its own database connection and sees what the others commit, as two gunicorn workers do. On PostgreSQL row locks and
unique indexes decide between them; on SQLite (a file in WAL mode, IMMEDIATE transactions, busy_timeout) a second
writer waits for the first, as in production.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections

TIMEOUT = 30.0  # seconds: a call still running then is waiting for a lock nobody releases, and the test says so


def at_once(*calls: Callable[[], Any], timeout: float = TIMEOUT) -> list[Any]:
    """Start every call at the same instant, each on its own thread, and return what each returned, in the order
    of `calls`; a call that raised gives its exception instead (see `returned`).

    Each thread closes its database connections when its call is done. A call still running after `timeout`
    seconds fails the test with an AssertionError instead of hanging it.
    """
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=timeout)
            results[index] = call()
        except BaseException as exc:  # handed to the test, never lost in the thread
            results[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call), name=f"at-once-{index}", daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [thread.name for thread in threads if thread.is_alive()]
    if stuck:
        running = ", ".join(stuck)
        raise AssertionError(f"{running} still running after {timeout:g} s: a deadlock, or a lock never released")
    return results


def returned(results: Sequence[Any]) -> list[Any]:
    """The results of `at_once`, after raising the first exception a call raised (a 500 through
    django.test.Client is one): its traceback still shows where in the thread it happened."""
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return list(results)
