"""Reads of the usage log: counts for the dashboard and its CSV, and the questions coordinators review.

Counts only: nothing here returns a question's text, except `needing_review` (for coordinators).
Each function is one aggregated query.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from krokarm.accounts.queries import receiving_slugs
from krokarm.actors.models import Actor
from krokarm.insights.forms import DashboardFilters, ReviewFilterForm, add_months
from krokarm.insights.models import AskedQuestion
from krokarm.wayin.forms import ASKERS

CSV_COLUMNS = ["month", "county_code", "county", "topic", "topic_name", "asker", "count"]


@dataclass(frozen=True)
class Row:
    """One line of a count table: a key for links and the CSV ("" when unknown), a label and a count."""

    key: str
    label: str
    count: int


def asked_in(filters: DashboardFilters) -> QuerySet[AskedQuestion]:
    """The questions asked in the period, in the county and by the asker the filters name."""
    start = timezone.make_aware(datetime.combine(filters.first, time.min))
    end = timezone.make_aware(datetime.combine(add_months(filters.last, 1), time.min))
    asked = AskedQuestion.objects.filter(created_at__gte=start, created_at__lt=end)
    if filters.county:
        asked = asked.filter(county__code=filters.county)
    if filters.asker:
        asked = asked.filter(asker=filters.asker)
    return asked


def counts_by_month(asked: QuerySet[AskedQuestion], months: list[date]) -> list[tuple[date, int]]:
    """(first day of the month, count) for every month in `months`, zero where nobody asked."""
    counts = {
        _local_date(row["month"]): row["n"]
        for row in asked.annotate(month=TruncMonth("created_at")).values("month").annotate(n=Count("pk")).order_by()
    }
    return [(month, counts.get(month, 0)) for month in months]


def counts_by_topic(asked: QuerySet[AskedQuestion], unknown: str) -> list[Row]:
    rows = asked.values("topic__slug", "topic__name").annotate(n=Count("pk")).order_by()
    return _sorted(Row(r["topic__slug"] or "", r["topic__name"] or unknown, r["n"]) for r in rows)


def counts_by_county(asked: QuerySet[AskedQuestion], unknown: str) -> list[Row]:
    rows = asked.values("county__code", "county__name").annotate(n=Count("pk")).order_by()
    return _sorted(Row(r["county__code"] or "", r["county__name"] or unknown, r["n"]) for r in rows)


def counts_by_asker(asked: QuerySet[AskedQuestion], unknown: str) -> list[Row]:
    labels = dict(ASKERS)
    rows = asked.values("asker").annotate(n=Count("pk")).order_by()
    return _sorted(Row(r["asker"], str(labels.get(r["asker"], unknown)), r["n"]) for r in rows)


def csv_rows(asked: QuerySet[AskedQuestion]) -> Iterator[dict[str, Any]]:
    """One row per month, county, topic and asker that anyone asked about, with the count (CSV_COLUMNS)."""
    rows = (
        asked.annotate(month=TruncMonth("created_at"))
        .values("month", "county__code", "county__name", "topic__slug", "topic__name", "asker")
        .annotate(n=Count("pk"))
        .order_by("month", "county__code", "topic__slug", "asker")
    )
    for row in rows:
        yield {
            "month": _local_date(row["month"]).strftime("%Y-%m"),
            "county_code": row["county__code"] or "",
            "county": row["county__name"] or "",
            "topic": row["topic__slug"] or "",
            "topic_name": row["topic__name"] or "",
            "asker": row["asker"],
            "count": row["n"],
        }


def needing_review(show: str) -> QuerySet[AskedQuestion]:
    """Questions whose answer did not help or that the way in was unsure of, newest first.

    `show` is one of ReviewFilterForm's values: negative feedback, low confidence, or both.
    """
    negative = Q(helpful=False)
    low = Q(confidence=AskedQuestion.Confidence.LOW)
    condition = {ReviewFilterForm.NEGATIVE: negative, ReviewFilterForm.LOW: low}.get(show, negative | low)
    return (
        AskedQuestion.objects.filter(condition)
        .select_related("county", "municipality", "topic", "top_actor")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class Unreachable:
    """An actor the way in offered that nobody can receive a case for, and in how many answers."""

    actor: Actor
    answers: int


def unreachable_actors(since: date) -> list[Unreachable]:
    """Actors offered in answers to questions asked on or after `since` that cannot receive a case
    (accounts.queries.receiving_slugs: nobody works there and there is no case mailbox), most often offered
    first. Three queries, whatever the number of questions."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    through = AskedQuestion.proposed.through
    rows = (
        through.objects.filter(askedquestion__created_at__gte=start)
        .values("actor_id")
        .annotate(n=Count("askedquestion_id"))
    )
    counts = {row["actor_id"]: row["n"] for row in rows}
    actors = Actor.objects.filter(pk__in=counts, retired_at__isnull=True).in_bulk()
    receiving = receiving_slugs(actor.slug for actor in actors.values())
    found = [Unreachable(actor, counts[pk]) for pk, actor in actors.items() if actor.slug not in receiving]
    return sorted(found, key=lambda row: (-row.answers, row.actor.name))


def _local_date(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _sorted(rows: Iterator[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.count, r.label))
