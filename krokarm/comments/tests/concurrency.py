"""Real concurrency for the race tests of comments, cases, needs and insights.

`at_once` starts its calls at the same instant, each on its own thread with its own database connection. On
PostgreSQL the requests really overlap (row locks and unique indexes decide). On SQLite they take turns: the
test database there is an in-memory database in shared-cache mode, where a connection reading a table that
another connection is writing fails at once ("database table is locked") instead of waiting as a file database
(WAL, IMMEDIATE transactions, busy_timeout) makes it wait; one request at a time is what those IMMEDIATE
transactions give writers anyway, and the outcome must be the same. Use it from tests marked
`@pytest.mark.django_db(transaction=True)`: those see what other connections commit, and start from an empty
database (a transactional test empties the tables when it ends, seeded reference data included), so they make
the few rows they need themselves.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")
TIMEOUT = 30  # seconds: a request still waiting then is a deadlock, and the test says so


def at_once(*calls: Callable[[], T]) -> list[T]:
    """Run `calls` concurrently and return their results in order; an exception in any call is raised here
    (a view's exception reaches the test through django.test.Client: a 500 fails the test)."""
    barrier = threading.Barrier(len(calls))
    turns: Any = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            with turns:
                results[index] = call()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection; the test database must not keep it open

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"a request was still running after {TIMEOUT} s: a deadlock")
    if errors:
        raise errors[0]
    return results
