"""`krokarm reindex`: rebuild every search entry from the objects (after a deploy or a bulk load)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from krokarm.search.actions import reindex
from krokarm.search.registry import KINDS


class Command(BaseCommand):
    help = "Rebuild the site search entries from the objects they describe."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", action="append", choices=list(KINDS), help="only this kind (repeatable)")

    def handle(self, *args: Any, kind: list[str] | None = None, **options: Any) -> None:
        started = time.monotonic()
        summary = reindex(kind)
        self.stdout.write(self.style.SUCCESS(f"Search: {summary} ({time.monotonic() - started:.1f} s)"))
