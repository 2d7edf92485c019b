"""The API under database trouble: 503 with Retry-After in the one JSON error shape, whether the trouble reaches
django-ninja's view or a middleware around it, and a write that fails changed nothing and may be sent again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from krokarm.accounts.models import Affiliation
from krokarm.actors.models import Service
from krokarm.actors.tests.personas import person_at
from krokarm.api.tests.helpers import AF, ERROR_KEYS, a_service, key_for
from krokarm.home.tests.db_faults import (
    Served,
    a_saved_session,
    own_database,
    sqlite_write_locked,
    table_locked,
    unreachable,
    worker,
)

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks and timeouts")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")


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


@postgresql_only
def test_an_api_call_on_a_locked_table_answers_json_503_and_200_once_the_lock_is_gone(settings: Any) -> None:
    settings.DATABASE_LOCK_TIMEOUT = 300
    with worker() as web:
        assert web.get("/healthz").status == 200
        with table_locked("actors_actor"):
            locked = web.get("/api/v1/actors/arbetsformedlingen")  # the trouble reaches django-ninja's view
        assert_unavailable(locked)
        assert locked.seconds < 3
        again = web.get("/api/v1/actors/arbetsformedlingen")
        assert again.status == 200 and again.json()["slug"] == AF


@postgresql_only
def test_trouble_in_a_middleware_around_the_api_is_answered_in_json_too(settings: Any) -> None:
    settings.DATABASE_LOCK_TIMEOUT = 300
    with worker() as web:
        key = web.call(a_saved_session)
        try:
            with table_locked("django_session", "EXCLUSIVE"):  # the session is saved after the API view answered
                served = web.get("/api/v1/themes", HTTP_COOKIE=f"sessionid={key}")
        finally:
            web.call(lambda: Session.objects.filter(session_key=key).delete())
    assert_unavailable(served)


def test_an_unreachable_database_answers_json_503_and_recovers(tmp_path: Path) -> None:
    with worker(**unreachable(tmp_path)) as web:
        assert_unavailable(web.get("/api/v1/actors"))
        assert_unavailable(web.get("/api/v1/regions", HTTP_COOKIE="sessionid=" + "k" * 32))
        web.database.update({key: connection.settings_dict[key] for key in ("NAME", "HOST", "PORT", "OPTIONS")})
        web.database.update(own_database(tmp_path))
        assert web.get("/api/v1/actors").status == 200


@sqlite_only
def test_a_write_while_the_database_is_locked_changes_nothing_and_succeeds_when_sent_again(tmp_path: Path) -> None:
    database = own_database(tmp_path, busy_timeout_ms=300)
    with worker(**database) as web:
        key = web.call(lambda: key_for(person_at(AF, Affiliation.Role.EDITOR)))
        auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

        def count() -> int:
            return Service.objects.filter(actor__slug=AF).count()

        before = web.call(count)
        with sqlite_write_locked(database["NAME"]):
            refused = web.request("POST", f"/api/v1/actors/{AF}/services", json_body=a_service(), **auth)
        assert_unavailable(refused, write=True)
        assert web.call(count) == before  # nothing half-written
        created = web.request("POST", f"/api/v1/actors/{AF}/services", json_body=a_service(), **auth)
        assert created.status == 201, created.text
        assert web.call(count) == before + 1  # kept: the same request, sent again, is saved
