"""The API under database trouble: 503 with Retry-After in the one JSON error shape, whether the trouble reaches
django-ninja's view or a middleware around it, and a write that fails changed nothing and may be sent again.

Every test runs on PostgreSQL and on SQLite (see krokarm/home/tests/db_faults.py for how the faults differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Service
from krokarm.actors.tests.personas import person_at
from krokarm.api.tests.helpers import AF, ERROR_KEYS, a_service, key_for
from krokarm.home.tests.db_faults import (
    Served,
    Worker,
    a_saved_session,
    holding_a_lock,
    reachable_again,
    unreachable,
    waiting_for_locks_at_most,
    worker,
)

POSTGRESQL = connection.vendor == "postgresql"
LOCK_TIMEOUT_MS = 300


@pytest.fixture
def web(committed_db: Any, settings: Any) -> Iterator[Worker]:
    """A worker on a committed copy of the seeded database that stops waiting for a lock after LOCK_TIMEOUT_MS."""
    with worker(**waiting_for_locks_at_most(LOCK_TIMEOUT_MS, settings)) as started:
        yield started


def assert_unavailable(served: Served, *, write: bool = False) -> None:
    assert served.status == 503, served.text[:500]
    assert served.headers["Content-Type"].startswith("application/json")
    assert served.headers["Retry-After"] == "30"
    body = served.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == 503 and body["error"]["code"] == "unavailable"
    assert body["error"]["details"] == []
    assert "Tjänsten är tillfälligt överbelastad" in body["error"]["message"]
    assert ("ingen ändring gjordes" in body["error"]["message"]) is write


def test_a_write_to_a_locked_table_answers_json_503_changes_nothing_and_succeeds_when_sent_again(
    web: Worker,
) -> None:
    key = web.call(lambda: key_for(person_at(AF, Affiliation.Role.EDITOR)))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def count() -> int:
        return Service.objects.filter(actor__slug=AF).count()

    before = web.call(count)
    with holding_a_lock("actors_service"):  # a write waits for it on both databases
        refused = web.request("POST", f"/api/v1/actors/{AF}/services", json_body=a_service(), **auth)
    assert_unavailable(refused, write=True)
    assert LOCK_TIMEOUT_MS / 1000 <= refused.seconds < 3, refused.seconds  # the lock timeout, not WEB_TIMEOUT
    assert web.call(count) == before  # nothing half-written
    created = web.request("POST", f"/api/v1/actors/{AF}/services", json_body=a_service(), **auth)
    assert created.status == 201, created.text
    assert web.call(count) == before + 1  # kept: the same request, sent again, is saved


def test_a_read_of_a_locked_table_waits_only_on_postgresql_and_answers_json_503_there(web: Worker) -> None:
    # PostgreSQL's ACCESS EXCLUSIVE lock (a migration's) stops readers; SQLite's write lock never does (WAL).
    assert web.get("/healthz").status == 200
    with holding_a_lock("actors_actor"):
        read = web.get(f"/api/v1/actors/{AF}")  # on PostgreSQL the trouble reaches django-ninja's view
    if POSTGRESQL:
        assert_unavailable(read)
        assert LOCK_TIMEOUT_MS / 1000 <= read.seconds < 3, read.seconds
    else:
        assert read.status == 200 and read.json()["slug"] == AF  # the reader did not wait for the writer
    again = web.get(f"/api/v1/actors/{AF}")
    assert again.status == 200 and again.json()["slug"] == AF


def test_trouble_in_a_middleware_around_the_api_is_answered_in_json_too(web: Worker) -> None:
    key = web.call(a_saved_session)
    with holding_a_lock("django_session", writes_only=True):  # the session is saved after the API view answered
        served = web.get("/api/v1/themes", HTTP_COOKIE=f"sessionid={key}")
    assert_unavailable(served)


@pytest.mark.django_db  # the worker only reads once the database is back
def test_an_unreachable_database_answers_json_503_and_recovers(tmp_path: Path) -> None:
    with worker(**unreachable(tmp_path)) as web:
        assert_unavailable(web.get("/api/v1/actors"))
        assert_unavailable(web.get("/api/v1/regions", HTTP_COOKIE="sessionid=" + "k" * 32))
        web.database.update(reachable_again())
        assert web.get("/api/v1/actors").status == 200
