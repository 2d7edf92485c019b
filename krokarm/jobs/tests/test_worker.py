"""`krokarm worker`: the task queue and the schedule in one command; several workers share one schedule."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from io import StringIO
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from zeal import zeal_ignore

from krokarm.jobs import scheduler
from krokarm.jobs.models import JobRun
from krokarm.jobs.schedule import SCHEDULE, Job
from krokarm.lib.testing import at_once, returned
from krokarm.outbox.tests.factories import message

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.django_db
def test_worker_once_runs_every_due_job_and_every_waiting_task(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message(to=["rita@example.se"])  # queues the delivery task after commit
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    out = StringIO()
    with zeal_ignore(), mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("worker", "--once", stdout=out)
    assert out.getvalue() == f"Schedule: {len(SCHEDULE)} job(s) run.\nQueue: every waiting task run.\n"
    runs = {run.job: run for run in JobRun.objects.all()}
    assert set(runs) == {job.name for job in SCHEDULE}
    assert all(run.ok for run in runs.values()), {name: run.result for name, run in runs.items() if not run.ok}
    assert runs["outbox-sweep"].result == "Outbox: 1 sent, 0 to retry, 0 failed."
    assert [m.to for m in mail.outbox] == [["rita@example.se"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.usefixtures("committed_db")  # the workers are threads with their own connections, as two processes
def test_two_workers_ticking_at_the_same_moment_run_each_slot_once() -> None:
    jobs = [Job("daily-digest", "0 7 * * *", "send_digests"), Job("outbox-sweep", "* * * * *", "send_queued_mail")]
    now = dt.datetime(2026, 3, 4, 7, 0, 2, tzinfo=STOCKHOLM)
    calls: list[str] = []
    lock = threading.Lock()

    def runner(command: str, *args: str, stdout: Any, stderr: Any) -> None:
        with lock:
            calls.append(command)

    def worker(name: str) -> Callable[[], Any]:
        return lambda: scheduler.tick(now, jobs=jobs, worker=name, runner=runner)

    returned(at_once(worker("worker-a"), worker("worker-b")))
    assert sorted(calls) == ["send_digests", "send_queued_mail"]
    assert JobRun.objects.count() == 2 and all(run.ok for run in JobRun.objects.all())


class _Queue:
    """Stands in for django-tasks-db's loop: raises the given errors in turn, then returns (stopped)."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.runs = 0

    def run(self) -> None:
        self.runs += 1
        if self.errors:
            raise self.errors.pop(0)


def _database_error(message: str) -> Exception:
    import sqlite3

    from django.db import OperationalError

    error = OperationalError(message)
    error.__cause__ = sqlite3.OperationalError(message)
    error.__cause__.sqlite_errorcode = 5 if "locked" in message else 1  # SQLITE_BUSY for a lock
    return error


def test_the_worker_keeps_serving_the_queue_after_the_database_was_away(caplog: Any) -> None:
    from krokarm.jobs.management.commands.worker import run_through_database_trouble

    queue = _Queue(_database_error("database is locked"), _database_error("database is locked"))
    run_through_database_trouble(queue, first_wait=0.01)  # type: ignore[arg-type]
    assert queue.runs == 3  # kept going: the queue was served again after each outage
    assert caplog.text.count("the database is not answering") == 2


def test_the_worker_still_stops_on_an_error_that_is_not_database_trouble() -> None:
    from krokarm.jobs.management.commands.worker import run_through_database_trouble

    queue = _Queue(_database_error("no such table: django_tasks_db_dbtaskresult"))
    with pytest.raises(Exception, match="no such table"):
        run_through_database_trouble(queue, first_wait=0.01)  # type: ignore[arg-type]
    assert queue.runs == 1
