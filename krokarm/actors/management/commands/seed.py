"""`krokarm seed`: load the reference data in data/ (and, with --demo, the demo data)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from krokarm.accounts.actions import ensure_demo_accounts
from krokarm.actors import reference_data
from krokarm.actors.actions import apply_reference_data
from krokarm.challenges import reference_data as challenge_data
from krokarm.challenges.actions import apply_challenge_data
from krokarm.dialogues import reference_data as dialogue_data
from krokarm.dialogues.seeding import apply_dialogue_data
from krokarm.funding import reference_data as funding_data
from krokarm.funding.actions import apply_programme_data
from krokarm.knowledge import reference_data as knowledge_data
from krokarm.knowledge.actions import apply_knowledge_data
from krokarm.networks import reference_data as network_data
from krokarm.networks.actions import apply_link_data
from krokarm.search import registry as search_registry
from krokarm.search.actions import reindex
from krokarm.strategies import reference_data as strategy_data
from krokarm.strategies.seeding import apply_strategy_data


class Command(BaseCommand):
    help = "Load the reference data in data/ so the database matches it. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=settings.DATA_DIR, help="Where the files are.")
        parser.add_argument("--demo", action="store_true", help="Also create the demo accounts (DEBUG only).")
        parser.add_argument(
            "--take-file",
            action="store_true",
            help="Where a reference row was changed on the site, overwrite the site's value with the file's "
            "(default: keep the site's value and report the conflict). Rows made on the site are never touched.",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        # Loading thousands of rows: index them once at the end instead of on every save.
        with search_registry.paused():
            result = super().execute(*args, **options)
        self.stdout.write(self.style.SUCCESS(f"Search: {reindex()}"))
        return result

    def handle(self, *args: Any, data_dir: Path, demo: bool, take_file: bool = False, **options: Any) -> None:
        self.verbosity = options.get("verbosity", 1)
        started = time.monotonic()
        try:
            dataset = reference_data.load(data_dir)
            strategies = strategy_data.load(data_dir / "strategies", strategy_data.Known.from_dataset(dataset))
            network_slugs = {row.slug for row in dataset.actors if row.kind == "network"}
            links = network_data.load(data_dir / "networks" / "links.yaml", network_slugs)
            known = strategy_data.Known.from_dataset(dataset)
            challenges = challenge_data.load(data_dir / "challenges", known)
            knowledge = knowledge_data.load(
                data_dir / "knowledge", knowledge_data.Known.from_dataset(dataset, (c.slug for c in challenges))
            )
            dialogues = dialogue_data.load(data_dir / "dialogues", known, frozenset(c.slug for c in challenges))
            programmes = funding_data.load(
                data_dir / "funding" / "programmes.yaml", funding_data.Known.from_dataset(dataset)
            )
        except reference_data.ReferenceDataError as exc:
            raise CommandError(f"The reference data has a problem: {exc}") from exc
        self.stdout.write(
            f"Read {len(dataset.counties)} counties, {len(dataset.themes)} themes and "
            f"{len(dataset.actors)} actors from {data_dir}"
        )
        summary = apply_reference_data(dataset, progress=self._progress, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Reference data: {summary} ({time.monotonic() - started:.1f} s)"))
        self._conflicts(summary)
        # After the actors: strategies point at regions, agencies and themes.
        strategy_summary = apply_strategy_data(strategies, progress=self._progress, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Strategies (RUS): {strategy_summary}"))
        self._conflicts(strategy_summary)
        # After the actors: programmes point at managing authorities, themes and counties.
        programme_summary = apply_programme_data(programmes, progress=self._progress, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"EU programmes: {programme_summary}"))
        self._conflicts(programme_summary)
        # After the actors: links join network actors. Networks the coordinators chose on the site stay (conflicts).
        link_summary = apply_link_data(links, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Network links: {link_summary}"))
        self._conflicts(link_summary)
        # After the actors and themes: challenges name their lead, participants, regions and themes.
        challenge_summary = apply_challenge_data(challenges, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Challenges: {challenge_summary}"))
        self._conflicts(challenge_summary)
        # After the actors, themes and challenges: items are shared by actors and tagged with both.
        knowledge_summary = apply_knowledge_data(knowledge, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Knowledge bank: {knowledge_summary}"))
        self._conflicts(knowledge_summary)
        # After the actors, themes and challenges: events invite actors; proposals name themes and challenges.
        dialogue_summary = apply_dialogue_data(dialogues, take_file=take_file)
        self.stdout.write(self.style.SUCCESS(f"Dialogues: {dialogue_summary}"))
        self._conflicts(dialogue_summary)
        if demo:
            if not settings.DEBUG:
                raise CommandError("Demo accounts are only created with DEBUG=1 (never in production).")
            for account, created in ensure_demo_accounts():
                if created:
                    self.stdout.write(
                        f"Demo account '{account.username}' ({account.role}) created, password "
                        f"'{account.username}' — for local use only."
                    )

    def _conflicts(self, summary: Any) -> None:
        """Each place where the file and the site disagree: file, row, field, both values, which was kept."""
        for conflict in getattr(summary, "conflicts", []):
            self.stdout.write(self.style.WARNING(f"  conflict: {conflict}"))

    def _progress(self, label: str, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {label}: {done}/{total}")
