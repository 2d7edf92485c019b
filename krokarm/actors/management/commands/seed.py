"""`krokarm seed`: load the reference data in data/ (and, with --demo, the demo data)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krokarm.accounts.actions import ensure_demo_staff
from krokarm.actors import reference_data
from krokarm.actors.actions import apply_reference_data


class Command(BaseCommand):
    help = "Load the reference data in data/ so the database matches it. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=settings.DATA_DIR, help="Where the files are.")
        parser.add_argument("--demo", action="store_true", help="Also create the demo staff account.")

    def handle(self, *args: Any, data_dir: Path, demo: bool, **options: Any) -> None:
        self.verbosity = options.get("verbosity", 1)
        started = time.monotonic()
        try:
            dataset = reference_data.load(data_dir)
        except reference_data.ReferenceDataError as exc:
            raise CommandError(f"The reference data has a problem: {exc}") from exc
        self.stdout.write(
            f"Read {len(dataset.counties)} counties, {len(dataset.themes)} themes and "
            f"{len(dataset.actors)} actors from {data_dir}"
        )
        summary = apply_reference_data(dataset, progress=self._progress)
        self.stdout.write(self.style.SUCCESS(f"Reference data: {summary} ({time.monotonic() - started:.1f} s)"))
        if demo:
            username, created = ensure_demo_staff()
            if created:
                self.stdout.write(
                    f"Demo staff account '{username}' created (password: {username}) — for local use only."
                )

    def _progress(self, label: str, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {label}: {done}/{total}")
