"""The routing answer as plain JSON, shared by `krokarm route --jsonl` and GET /api/v1/route."""

from __future__ import annotations

from typing import Any

from krokarm.wayin.routing import Answer


def answer_json(answer: Answer) -> list[dict[str, Any]]:
    return [
        {
            "actor": {
                "slug": result.actor.slug,
                "name": result.actor.name,
                "short_name": result.actor.short_name,
                "kind": result.actor.kind,
                "region_code": result.actor.region_code,
            },
            "score": round(result.score, 4),
            "responsibility": {
                "topic": result.responsibility.topic,
                "topic_name": result.responsibility.topic_name,
                # Empty when the match was one of the actor's services rather than a responsibility.
                "role": result.responsibility.role or None,
                "description": result.responsibility.description,
            },
            "next_step": ({"label": result.next_step.label, "url": result.next_step.url} if result.next_step else None),
            "reason": result.reason.text,
        }
        for result in answer.results
    ]
