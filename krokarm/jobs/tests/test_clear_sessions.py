"""The clear-sessions job really empties the session table of expired sessions (they hold who was signed in)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from krokarm.jobs import scheduler
from krokarm.jobs.models import JobRun
from krokarm.jobs.schedule import SCHEDULE

pytestmark = pytest.mark.django_db


def session(expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store["_auth_user_id"] = "42"
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    assert store.session_key is not None
    return store.session_key


def test_the_scheduled_job_deletes_expired_sessions_and_keeps_live_ones() -> None:
    expired = session(-dt.timedelta(minutes=1))
    live = session(dt.timedelta(minutes=20))
    job = next(job for job in SCHEDULE if job.name == "clear-sessions")
    runs = scheduler.tick(jobs=[job])  # the real command, as the worker runs it
    assert [run.ok for run in runs] == [True]
    assert JobRun.objects.filter(job="clear-sessions", ok=True).exists()
    assert not Session.objects.filter(pk=expired).exists()
    # Kept: the session still in use, so nobody is signed out early.
    assert Session.objects.filter(pk=live).exists()
