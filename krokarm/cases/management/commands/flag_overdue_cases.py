"""`krokarm flag_overdue_cases`: flag cases nobody accepted in time and tell the coordinators (run hourly or daily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from krokarm.cases.actions import flag_overdue_cases


class Command(BaseCommand):
    help = "Flag cases not accepted within CASE_ACCEPT_WORKING_DAYS working days and e-mail the coordinators."

    def handle(self, *args: Any, **options: Any) -> None:
        flagged = flag_overdue_cases()
        days = settings.CASE_ACCEPT_WORKING_DAYS
        if not flagged:
            self.stdout.write(f"No case has waited more than {days} working days without being accepted.")
            return
        for case in flagged:
            self.stdout.write(
                f"Flagged {case.reference} at {case.actor.name} (deadline {case.accept_by:%Y-%m-%d %H:%M})."
            )
        self.stdout.write(self.style.SUCCESS(f"{len(flagged)} case(s) flagged to the coordinators."))
