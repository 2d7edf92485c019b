"""`krokarm purge_personal_data`: delete personal data that has been kept as long as promised (run daily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from krokarm.cases.actions import purge_personal_data


class Command(BaseCommand):
    help = "Delete the question, answer and e-mail address of cases answered more than CASE_RETENTION_DAYS ago."

    def handle(self, *args: Any, **options: Any) -> None:
        cases = purge_personal_data()
        self.stdout.write(
            f"Cases: personal data deleted from {cases} case(s) answered more than "
            f"{settings.CASE_RETENTION_DAYS} days ago."
        )
