"""Reads of the outbox for the coordinators' page (notifications) and the operator."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from krokarm.outbox.models import Message


def failed() -> QuerySet[Message]:
    """Messages that could not be sent, the most recent first."""
    return Message.objects.filter(status=Message.Status.FAILED).order_by("-created_at", "-pk")


def counts() -> dict[str, int]:
    """How many messages are in each state (one query)."""
    found = dict(Message.objects.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: found.get(status, 0) for status in Message.Status.values}
