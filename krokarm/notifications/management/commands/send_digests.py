"""`krokarm send_digests --frequency daily|weekly`: e-mail each person their unread notifications (the worker's
schedule runs it daily and weekly). The e-mails go to the outbox, which the worker sends. Safe to run twice or at
the same time: every notification is claimed by one run only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from krokarm.notifications.actions import send_digests
from krokarm.notifications.models import Preference

FREQUENCIES = {"daily": Preference.Frequency.DAILY, "weekly": Preference.Frequency.WEEKLY}


class Command(BaseCommand):
    help = "E-mail a digest of unread notifications to everyone who chose this frequency (daily is the default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=sorted(FREQUENCIES), required=True, help="daily or weekly")

    def handle(self, *args: Any, **options: Any) -> None:
        frequency = options["frequency"]
        summary = send_digests(FREQUENCIES[frequency])
        if not summary.emails:
            self.stdout.write(f"No {frequency} digest to send: nobody has unread notifications waiting.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued {summary.emails} {frequency} digest e-mail(s) with {summary.items} notification(s) "
                "for the outbox."
            )
        )
