"""`krokarm remind_entry_point_deadlines`: seven days before an entry point's last day, tell those who follow its
region and those who follow the agencies it invites (cron: daily). Safe to run twice or at the same time: each
entry point is claimed by one run only (actions.remind_entry_point_deadlines)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from krokarm.strategies.actions import REMIND_DAYS_BEFORE, remind_entry_point_deadlines


class Command(BaseCommand):
    help = (
        f"Notify followers of the region and of the invited agencies {REMIND_DAYS_BEFORE} days before an entry "
        "point closes, once per entry point."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = remind_entry_point_deadlines()
        if not done:
            self.stdout.write(f"No entry point closes within {REMIND_DAYS_BEFORE} days without a reminder sent.")
            return
        for entry, sent in done:
            self.stdout.write(f"  {entry.closes_on}  {entry.title}: {sent} notification(s)")
        total = sum(sent for _entry, sent in done)
        self.stdout.write(
            self.style.SUCCESS(f"Reminded about {len(done)} entry point(s) with {total} notification(s).")
        )
