"""`krokarm remind_confirmations`: remind each organisation's editors to confirm their data when an item of
theirs has not been checked or confirmed for over a year, at most once a year per organisation (cron: daily).
Safe to run twice or at the same time (actions.remind_to_confirm)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from krokarm.confirmations.actions import remind_to_confirm


class Command(BaseCommand):
    help = (
        "Notify the editors of each organisation with data not checked or confirmed for over a year, at most "
        "once a year per organisation."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = remind_to_confirm()
        if not done:
            self.stdout.write("No organisation needs a reminder to confirm its data.")
            return
        for organisation, stale, sent in done:
            self.stdout.write(f"  {organisation.name}: {stale} stale item(s), {sent} editor(s) notified")
        total = sum(sent for _organisation, _stale, sent in done)
        self.stdout.write(self.style.SUCCESS(f"Reminded {len(done)} organisation(s) with {total} notification(s)."))
