"""`krokarm route --jsonl`: route questions in bulk, one JSON object per line in and out."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from krokarm.accounts.queries import receiving_slugs
from krokarm.wayin.answers import answer_json
from krokarm.wayin.catalogue import get_router
from krokarm.wayin.routing import ASKERS


class Command(BaseCommand):
    help = (
        'Read JSON lines {"id", "q", "region", "asker", "lang"} from standard input and write '
        '{"id", "language", "results": [...]} per line, best first, in the question\'s language unless "lang" says.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", action="store_true", required=True, help="JSON lines in and out.")
        parser.add_argument("--limit", type=int, default=5, help="Results per question (default 5).")

    def handle(self, *args: Any, limit: int, **options: Any) -> None:
        router = get_router()
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                    raise ValueError('expected an object with a text "q"')
            except ValueError as exc:
                raise CommandError(f"line {number}: {exc}") from exc
            region = item.get("region") or None
            asker = item.get("asker") if item.get("asker") in ASKERS else None
            answer = router.route(item["q"], county_code=region, asker=asker, limit=limit)
            receiving = receiving_slugs(result.actor.slug or "" for result in answer.results)
            # As the API: the question's language unless the line asks for one ("lang": "sv" or "en").
            language = item.get("lang") if item.get("lang") in ("sv", "en") else answer.language
            with translation.override(language):
                results = answer_json(answer, receiving)
            line_out = {"id": item.get("id"), "language": language, "results": results}
            self.stdout.write(json.dumps(line_out, ensure_ascii=False))
