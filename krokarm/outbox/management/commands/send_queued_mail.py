"""`krokarm send_queued_mail`: send every outbox message that is due (the worker's schedule runs it every
minute; `krokarm worker` also sends each message as soon as it is queued). Safe to run at any time and in
parallel with the worker: each message is claimed by one run only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from krokarm.outbox.delivery import deliver_all


class Command(BaseCommand):
    help = "Send the e-mail in the outbox whose time has come (new messages, retries, those a dead worker left)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Outbox: {deliver_all()}.")
