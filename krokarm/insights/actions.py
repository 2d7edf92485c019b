"""Writes to the usage log of the way in: a question asked, feedback on its answer, old texts purged.

Unlike the rest of krokarm these writes leave no audit row: the log is not shared data, and an audit row
would move the data version that keys the public page cache (see models.AskedQuestion).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from krokarm.actors.models import Actor, Theme
from krokarm.insights.models import AskedQuestion
from krokarm.regions.models import County
from krokarm.wayin.forms import ASKERS
from krokarm.wayin.routing import Answer

ASKER_VALUES = frozenset(value for value, _label in ASKERS)
DEFAULT_RETENTION_DAYS = 180


def retention_days() -> int:
    """How many days a question's text is kept (settings.INSIGHTS_TEXT_RETENTION_DAYS, default 180)."""
    return int(getattr(settings, "INSIGHTS_TEXT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def log_question(
    text: str, answer: Answer, asker: str, place_code: str | None, *, public_id: uuid.UUID | None = None
) -> AskedQuestion:
    """Record a question the way in has answered, and return the row (its `public_id` goes in the feedback form;
    given, it is the one the feedback form chose).

    The caller has validated the question form: `text` within its length limit, `asker` what the asker chose
    ("" if nothing) and `place_code` the county code they chose (None if none). The place the answer used
    (found in the text or chosen) wins over `place_code`; an asker the engine inferred is kept and marked so.
    """
    chosen = asker if asker in ASKER_VALUES else ""
    inferred = answer.asker if not chosen and answer.asker in ASKER_VALUES else None
    county, municipality = _place(answer, place_code)
    topic = Theme.objects.filter(slug=answer.topics[0].slug).first() if answer.topics else None
    slugs = [result.actor.slug for result in answer.results if result.actor.slug]
    proposed = Actor.objects.filter(slug__in=slugs).in_bulk(field_name="slug")
    top_slug = answer.results[0].actor.slug if answer.results else None
    top_actor = proposed.get(top_slug) if top_slug else None
    confidence = answer.confidence if answer.confidence in AskedQuestion.Confidence.values else "low"
    # No transaction of its own: a usage log. Should the second insert fail, the question is kept without the
    # actors it was offered, which only the coordinators' list of unreachable actors counts.
    asked = AskedQuestion.objects.create(
        public_id=public_id or uuid.uuid4(),
        text=text,
        asker=chosen or inferred or "",
        asker_inferred=bool(inferred) and answer.asker_inferred,
        county=county,
        municipality=municipality,
        topic=topic,
        confidence=confidence,
        top_actor=top_actor,
        results=len(answer.results),
    )
    through = AskedQuestion.proposed.through
    through.objects.bulk_create(through(askedquestion=asked, actor=actor) for actor in proposed.values())
    return asked


def _place(answer: Answer, place_code: str | None) -> tuple[County | None, Actor | None]:
    if answer.place:
        county_code, municipality_code = answer.place.county_code, answer.place.municipality_code
    elif place_code and len(place_code) == 4:
        county_code, municipality_code = None, place_code
    else:
        county_code, municipality_code = place_code, None
    municipality = None
    if municipality_code:
        municipality = (
            Actor.objects.filter(kind=Actor.Kind.MUNICIPALITY, code=municipality_code).select_related("county").first()
        )
    county = County.objects.filter(code=county_code).first() if county_code else None
    if county is None and municipality is not None:
        county = municipality.county
    return county, municipality


def record_feedback(public_id: uuid.UUID | str, helpful: bool) -> AskedQuestion | None:
    """Store whether the answer to question `public_id` helped; None if there is no such question.

    Nothing about the person is stored. Answering again replaces the earlier answer: the latest one wins.
    """
    asked = AskedQuestion.objects.filter(public_id=public_id).first()
    if asked is None:
        return None
    asked.helpful = helpful
    asked.feedback_at = timezone.now()
    asked.save(update_fields=["helpful", "feedback_at"])
    return asked


def purge_question_texts(now: datetime, older_than_days: int | None = None) -> int:
    """Empty the text of questions asked more than `older_than_days` (default: `retention_days()`) before `now`.

    The text is the only field that may hold personal data; the counts stay. Returns how many were emptied.
    """
    days = retention_days() if older_than_days is None else older_than_days
    cutoff = now - timedelta(days=days)
    return AskedQuestion.objects.filter(created_at__lt=cutoff, text_purged_at__isnull=True).update(
        text="", text_purged_at=now
    )
