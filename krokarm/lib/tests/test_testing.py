"""`at_once`, the race tests' helper: the calls really overlap, every outcome comes back in order, each thread
closes its database connection, and a call that never ends fails the test instead of hanging it."""

import threading
import time

import pytest
from django.db import connections

from krokarm.lib.testing import at_once, returned


def test_the_calls_run_at_the_same_time_and_their_results_keep_their_order():
    meet = threading.Barrier(3, timeout=5)  # passed only if all three calls are running at once

    def arrive(n: int):
        return lambda: (meet.wait(), n)[1]

    assert returned(at_once(arrive(1), arrive(2), arrive(3))) == [1, 2, 3]


def test_a_call_that_raises_gives_its_exception_and_the_others_still_their_result():
    def fail():
        raise ValueError("databasen svarar inte")

    answered, failed = at_once(lambda: "ja", fail)
    assert answered == "ja" and isinstance(failed, ValueError)
    with pytest.raises(ValueError, match="databasen svarar inte"):
        returned([answered, failed])


def test_a_call_that_never_finishes_fails_the_test_instead_of_hanging_it():
    release = threading.Event()
    started = time.monotonic()
    try:
        with pytest.raises(AssertionError, match=r"at-once-1 still running after 0\.2 s: a deadlock"):
            at_once(lambda: "klar", lambda: release.wait(30), timeout=0.2)
    finally:
        release.set()
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_each_thread_closes_its_database_connection_when_its_call_is_done():
    def query():
        connection = connections["default"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return connection

    first, second = returned(at_once(query, query))
    assert first is not second and connections["default"] not in (first, second)  # one connection per thread
    assert first.connection is None and second.connection is None  # both closed
