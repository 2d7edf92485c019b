"""Running the schedule (schedule.py): at each tick, every job whose latest slot has not been run yet is run.

A slot is claimed by inserting its `JobRun` row: the unique (job, slot) key lets exactly one of several workers
(threads, processes or machines on the same database) succeed, and only that one runs the job. Only a job's
*latest* slot at or before now is ever considered, so a worker that was down runs each job it missed once, at
start, not once per missed slot. A job that fails is logged and recorded; the next slot runs it again (every
job is safe to repeat). A claimed slot is not retried if its worker dies mid-job: the next slot is.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from io import StringIO
from typing import Any

from croniter import croniter  # type: ignore[import-untyped]
from django.core.management import call_command
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone

from krokarm.jobs.models import JobRun
from krokarm.jobs.schedule import SCHEDULE, TIME_ZONE, Job
from krokarm.lib.database import trouble

logger = logging.getLogger("krokarm.jobs")
# Runs are kept this long (longer than the longest period in the schedule, a week), then deleted.
HISTORY = dt.timedelta(days=14)
Runner = Callable[..., Any]


def latest_slot(job: Job, now: dt.datetime) -> dt.datetime:
    """The latest time at or before `now` at which `job` is due, in Swedish time."""
    start = now.astimezone(TIME_ZONE).replace(microsecond=0) + dt.timedelta(seconds=1)
    slot: dt.datetime = croniter(job.cron, start).get_prev(dt.datetime)
    return slot


def claim(job: Job, slot: dt.datetime, *, worker: str = "") -> JobRun | None:
    """Take `slot` of `job` for this worker; None if another worker (or an earlier tick) already has."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job.name, slot=slot, worker=worker[:100], started_at=timezone.now())
    except IntegrityError:
        return None


def run(job: Job, job_run: JobRun, *, runner: Runner = call_command) -> JobRun:
    """Run the job's command, log its start, end and last line of output, and record the outcome."""
    logger.info("Job %s (%s) started: %s", job.name, f"{job_run.slot:%Y-%m-%d %H:%M}", job.command_line)
    out, err = StringIO(), StringIO()
    started = time.monotonic()
    try:
        runner(job.command, *job.args, stdout=out, stderr=err)
    except Exception as error:
        job_run.ok = False
        job_run.result = f"{type(error).__name__}: {error}"
        logger.exception("Job %s failed after %.1f s", job.name, time.monotonic() - started)
    else:
        lines = [line.strip() for line in out.getvalue().splitlines() if line.strip()]
        job_run.ok = True
        job_run.result = lines[-1] if lines else ""
        logger.info("Job %s finished in %.1f s: %s", job.name, time.monotonic() - started, job_run.result or "done")
    if err.getvalue().strip():
        logger.warning("Job %s said: %s", job.name, err.getvalue().strip())
    job_run.finished_at = timezone.now()
    JobRun.objects.filter(pk=job_run.pk).update(ok=job_run.ok, result=job_run.result, finished_at=job_run.finished_at)
    return job_run


def tick(
    now: dt.datetime | None = None,
    *,
    jobs: Iterable[Job] = SCHEDULE,
    worker: str = "",
    runner: Runner = call_command,
) -> list[JobRun]:
    """Run every job whose latest slot at `now` no worker has taken yet; return the runs this tick made."""
    now = now or timezone.now()
    done = []
    for job in jobs:
        job_run = claim(job, latest_slot(job, now), worker=worker)
        if job_run is not None:
            done.append(run(job, job_run, runner=runner))
    JobRun.objects.filter(slot__lt=now - HISTORY).delete()
    return done


class Scheduler(threading.Thread):
    """Ticks once a minute, just after the minute turns (every slot in the schedule is a whole minute), in a
    thread beside the task worker. It uses its own database connection and closes it after every tick."""

    def __init__(self, *, worker: str = "") -> None:
        super().__init__(name="krokarm-scheduler", daemon=True)
        self.worker = worker
        self.stopping = threading.Event()

    def run(self) -> None:
        logger.info("Scheduler started: %d jobs (%s).", len(SCHEDULE), ", ".join(job.name for job in SCHEDULE))
        while not self.stopping.is_set():
            try:
                close_old_connections()
                tick(worker=self.worker)
            except Exception as exc:  # the database is away, say: log it and try again at the next minute
                if trouble(exc) is None:
                    logger.exception("Scheduler tick failed")
                else:
                    logger.warning("Scheduler: the database is not answering (%s); next try in a minute.", exc)
            finally:
                connections.close_all()
            self.stopping.wait(60 - time.time() % 60 + 1)

    def stop(self) -> None:
        self.stopping.set()
