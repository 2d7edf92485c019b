"""Factories for the usage log, with the states the pages tell apart."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from krokarm.insights.models import AskedQuestion
from krokarm.wayin.places import ActorRef, Place
from krokarm.wayin.routing import Answer, NextStep, Reason, Responsibility, Result, TopicMatch


class AskedQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AskedQuestion

    text = factory.Sequence(lambda n: f"Hur blir jag svetsare, fråga {n}?")
    confidence = AskedQuestion.Confidence.HIGH
    results = 3

    class Params:
        unhelpful = factory.Trait(helpful=False, feedback_at=factory.LazyFunction(timezone.now))
        answered = factory.Trait(helpful=True, feedback_at=factory.LazyFunction(timezone.now))
        unsure = factory.Trait(confidence=AskedQuestion.Confidence.LOW, results=0)
        old = factory.Trait(created_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=400)))
        purged = factory.Trait(text="", text_purged_at=factory.LazyFunction(timezone.now))


def make_answer(
    *,
    topics: tuple[str, ...] = ("yrkeshogskola",),
    actors: tuple[str | None, ...] = ("myh",),
    confidence: str = "high",
    place: Place | None = None,
    asker: str | None = None,
    asker_inferred: bool = False,
) -> Answer:
    """An answer as the routing engine gives it, without routing."""
    results = tuple(
        Result(
            actor=ActorRef(slug=slug, name=slug or "Din kommun", short_name="", kind="agency"),
            score=10.0 - i,
            responsibility=Responsibility(
                topic=topics[0] if topics else "", topic_name="", role="leder", description=""
            ),
            next_step=NextStep("Läs mer"),
            reason=Reason(topics=(), words=()),
        )
        for i, slug in enumerate(actors)
    )
    return Answer(
        results=results,
        confidence=confidence,
        topics=tuple(TopicMatch(slug, slug.title(), 5.0) for slug in topics),
        place=place,
        asker=asker,
        asker_inferred=asker_inferred,
    )
