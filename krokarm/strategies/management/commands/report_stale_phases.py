"""`krokarm report_stale_phases`: tell each region's editors about phases whose planned date has passed without an
update ("ej uppdaterad"), once per phase and planned date (cron: daily). Safe to run twice or at the same time
(actions.report_stale_phases)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from krokarm.strategies.actions import report_stale_phases


class Command(BaseCommand):
    help = (
        "Notify the region's editors about each phase whose planned date has passed without an update, once per "
        "phase and planned date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = report_stale_phases()
        if not done:
            self.stdout.write("No phase has a passed planned date that is not reported yet.")
            return
        for phase, day, sent in done:
            region = phase.process.region.name
            self.stdout.write(f"  {region}: {phase.get_kind_display()} planned {day}: {sent} editor(s) notified")
        total = sum(sent for _phase, _day, sent in done)
        self.stdout.write(self.style.SUCCESS(f"Reported {len(done)} phase(s) with {total} notification(s)."))
