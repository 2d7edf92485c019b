"""What runs when: krokarm's scheduled jobs, declared in code and reviewed like code.

Each job runs one management command (the same one an operator can run by hand) at the times of its cron
expression (minute hour day-of-month month day-of-week), read in Swedish time (Europe/Stockholm, so 07:00 stays
07:00 across daylight saving). `krokarm worker` runs them; docs/operations.md has the table for people.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class Job:
    name: str
    cron: str
    command: str
    args: tuple[str, ...] = ()

    @property
    def command_line(self) -> str:
        """The command as an operator would type it (quoted for a shell)."""
        return shlex.join(["krokarm", self.command, *self.args])


SCHEDULE: tuple[Job, ...] = (
    # Cases nobody accepted in time, flagged to the coordinators: every hour on working days.
    Job("flag-overdue-cases", "0 * * * 1-5", "flag_overdue_cases"),
    # Personal data kept as long as promised, then deleted (cases, questions, idle accounts, old e-mail).
    Job("purge-personal-data", "0 3 * * *", "purge_personal_data"),
    # Expired sessions out of the session table.
    Job("clear-sessions", "15 3 * * *", "clearsessions"),
    # Finished background tasks (a password-reset task holds the address it was asked for) after a day.
    Job("prune-task-results", "30 3 * * *", "prune_db_task_results", ("--queue-name", "*", "--min-age-days", "1")),
    # Entry points closing within a week, before the digests so that the reminders are in them.
    Job("entry-point-reminders", "30 6 * * *", "remind_entry_point_deadlines"),
    # RUS phases whose planned date passed without an update, to the region's editors (once per phase and date).
    Job("stale-phase-reports", "45 6 * * *", "report_stale_phases"),
    # Organisations with data not checked or confirmed for over a year, to their editors (at most once a year each).
    Job("confirmation-reminders", "50 6 * * *", "remind_confirmations"),
    Job("daily-digest", "0 7 * * *", "send_digests", ("--frequency", "daily")),
    Job("weekly-digest", "0 7 * * 1", "send_digests", ("--frequency", "weekly")),
    # Outbox messages whose backoff has passed, and any a killed worker left behind.
    Job("outbox-sweep", "* * * * *", "send_queued_mail"),
)
