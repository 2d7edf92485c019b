"""The schedule: each job's slot is run once however many workers tick, in Swedish time, and a worker that was
down catches up with one run per job, not one per missed slot."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from croniter import croniter  # type: ignore[import-untyped]
from django.core.management import get_commands

from krokarm.jobs import scheduler
from krokarm.jobs.models import JobRun
from krokarm.jobs.schedule import SCHEDULE, Job

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DIGEST = Job("daily-digest", "0 7 * * *", "send_digests", ("--frequency", "daily"))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=STOCKHOLM)


class Runner:
    """Stands in for call_command: records what it was asked to run and prints a result line."""

    def __init__(self, fail: set[str] | None = None) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.fail = fail or set()

    def __call__(self, command: str, *args: str, stdout: Any, stderr: Any) -> None:
        self.calls.append((command, *args))
        if command in self.fail:
            raise RuntimeError("the database went away")
        stdout.write("Working…\nDone: 3 things.\n")


def test_every_job_runs_an_existing_command_on_a_valid_cron_expression() -> None:
    commands = get_commands()
    for job in SCHEDULE:
        assert job.command in commands, job.name
        assert croniter.is_valid(job.cron), job.name
    assert len({job.name for job in SCHEDULE}) == len(SCHEDULE)


def test_the_schedule_holds_what_the_operations_table_promises() -> None:
    jobs = {job.name: (job.cron, job.command_line) for job in SCHEDULE}
    assert jobs["flag-overdue-cases"] == ("0 * * * 1-5", "krokarm flag_overdue_cases")
    assert jobs["daily-digest"] == ("0 7 * * *", "krokarm send_digests --frequency daily")
    assert jobs["weekly-digest"] == ("0 7 * * 1", "krokarm send_digests --frequency weekly")
    assert jobs["entry-point-reminders"] == ("30 6 * * *", "krokarm remind_entry_point_deadlines")
    assert jobs["outbox-sweep"] == ("* * * * *", "krokarm send_queued_mail")
    assert jobs["clear-sessions"][1] == "krokarm clearsessions"
    assert jobs["purge-personal-data"][1] == "krokarm purge_personal_data"
    assert jobs["prune-task-results"][1] == "krokarm prune_db_task_results --queue-name '*' --min-age-days 1"


def test_slots_are_read_in_swedish_time_across_daylight_saving() -> None:
    winter = scheduler.latest_slot(DIGEST, at(2026, 1, 15, 7, 0, 30))
    summer = scheduler.latest_slot(DIGEST, at(2026, 7, 15, 7, 0, 30))
    assert winter == at(2026, 1, 15, 7, 0) and winter.utcoffset() == dt.timedelta(hours=1)
    assert summer == at(2026, 7, 15, 7, 0) and summer.utcoffset() == dt.timedelta(hours=2)
    assert scheduler.latest_slot(DIGEST, at(2026, 1, 15, 6, 59, 59)) == at(2026, 1, 14, 7, 0)


def test_overdue_cases_are_flagged_hourly_on_working_days_only() -> None:
    overdue = next(job for job in SCHEDULE if job.name == "flag-overdue-cases")
    assert scheduler.latest_slot(overdue, at(2026, 3, 4, 10, 20)) == at(2026, 3, 4, 10, 0)  # a Wednesday
    assert scheduler.latest_slot(overdue, at(2026, 3, 8, 10, 20)) == at(2026, 3, 6, 23, 0)  # Sunday: Friday's last


def test_two_schedulers_ticking_the_same_slot_run_the_job_once() -> None:
    runner = Runner()
    now = at(2026, 3, 4, 7, 0, 5)
    first = scheduler.tick(now, jobs=[DIGEST], worker="a", runner=runner)
    second = scheduler.tick(now + dt.timedelta(seconds=20), jobs=[DIGEST], worker="b", runner=runner)
    assert runner.calls == [("send_digests", "--frequency", "daily")]
    assert [r.worker for r in first] == ["a"] and second == []
    run = JobRun.objects.get()
    assert (run.job, run.slot, run.ok, run.result) == ("daily-digest", at(2026, 3, 4, 7, 0), True, "Done: 3 things.")
    assert run.finished_at is not None


def test_a_worker_that_was_down_runs_only_the_latest_missed_slot_once() -> None:
    runner = Runner()
    scheduler.tick(at(2026, 3, 2, 7, 0, 1), jobs=[DIGEST], runner=runner)  # Monday's run; then the worker is down
    scheduler.tick(at(2026, 3, 5, 9, 30), jobs=[DIGEST], runner=runner)  # back on Thursday
    scheduler.tick(at(2026, 3, 5, 9, 31), jobs=[DIGEST], runner=runner)
    assert len(runner.calls) == 2
    assert list(JobRun.objects.order_by("slot").values_list("slot", flat=True)) == [
        at(2026, 3, 2, 7, 0),
        at(2026, 3, 5, 7, 0),  # Tuesday's and Wednesday's slots are not made up one by one
    ]


def test_a_failing_job_is_logged_and_recorded_and_the_other_jobs_still_run(caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="krokarm.jobs")
    sweep = Job("outbox-sweep", "* * * * *", "send_queued_mail")
    runner = Runner(fail={"send_digests"})
    runs = scheduler.tick(at(2026, 3, 4, 7, 0, 5), jobs=[DIGEST, sweep], runner=runner)
    assert [(r.job, r.ok) for r in runs] == [("daily-digest", False), ("outbox-sweep", True)]
    assert runs[0].result == "RuntimeError: the database went away"
    messages = [record.getMessage() for record in caplog.records]
    assert "Job daily-digest (2026-03-04 07:00) started: krokarm send_digests --frequency daily" in messages
    assert any(m.startswith("Job daily-digest failed after") for m in messages)
    assert any(m.startswith("Job outbox-sweep finished in") and m.endswith(": Done: 3 things.") for m in messages)


def test_runs_older_than_two_weeks_are_deleted() -> None:
    runner = Runner()
    scheduler.tick(at(2026, 3, 1, 7, 0, 1), jobs=[DIGEST], runner=runner)
    scheduler.tick(at(2026, 3, 16, 7, 0, 1), jobs=[DIGEST], runner=runner)
    assert list(JobRun.objects.values_list("slot", flat=True)) == [at(2026, 3, 16, 7, 0)]
