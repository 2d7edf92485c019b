"""`krokarm worker`: runs the background task queue and the schedule, until stopped (SIGTERM or Ctrl+C).

The queue is django-tasks-db's worker loop: it takes one task at a time from the database (`SELECT … FOR UPDATE
SKIP LOCKED` on PostgreSQL, an exclusive transaction on SQLite), so any number of workers can run side by side.
The schedule (jobs/schedule.py) ticks in a thread beside it; each slot is claimed once across all workers.
`--once` ticks the schedule once, runs every task waiting, and exits (for tests and cron-style use).
"""

from __future__ import annotations

import logging
import os
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import Error, connections
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from krokarm.jobs import scheduler
from krokarm.lib.database import trouble

logger = logging.getLogger("krokarm.jobs")


def task_worker(*, worker_id: str, interval: float = 1.0, batch: bool = False) -> Worker:
    """django-tasks-db's worker loop over every queue of the default backend."""
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


class Command(BaseCommand):
    help = "Run background tasks (e-mail delivery, password-reset links) and the scheduled jobs until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="tick the schedule once, run every waiting task, then exit"
        )
        parser.add_argument("--no-schedule", action="store_true", help="run only the task queue, not the schedule")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue (default 1)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Unique across the pool, and readable in the task table and the job runs: host, process, random part.
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        queue = task_worker(worker_id=worker_id, interval=options["interval"], batch=options["once"])
        if options["once"]:
            if not options["no_schedule"]:
                runs = scheduler.tick(worker=worker_id)
                self.stdout.write(f"Schedule: {len(runs)} job(s) run.")
            queue.run()
            self.stdout.write("Queue: every waiting task run.")
            return
        clock = None if options["no_schedule"] else scheduler.Scheduler(worker=worker_id)
        logger.info("Worker %s started (task queue%s).", worker_id, "" if clock is None else " and schedule")
        if clock is not None:
            clock.start()
        queue.configure_signals()  # SIGTERM/SIGINT: finish the running task, then stop
        try:
            run_through_database_trouble(queue)
        finally:
            if clock is not None:
                clock.stop()
            logger.info("Worker %s stopped.", worker_id)


def run_through_database_trouble(queue: Worker, *, first_wait: float = 1.0, longest_wait: float = 60.0) -> None:
    """Run the queue until it is stopped; when the database is unreachable, locked or times out, wait (1, 2, 4 …
    seconds, at most a minute) and go on, instead of leaving the queue unserved until someone restarts the worker.
    A task the trouble interrupted stays in the database and is taken again. Other errors still stop the worker."""
    wait = first_wait
    while True:
        try:
            queue.run()
            return
        except Error as exc:  # DatabaseError or InterfaceError (a connection that is gone)
            if trouble(exc) is None:
                raise
            logger.warning("Worker: the database is not answering (%s); trying again in %.0f s.", exc, wait)
            connections.close_all()
            time.sleep(wait)
            wait = min(wait * 2, longest_wait)
