"""Background tasks of the outbox (django-tasks; run by `krokarm worker`)."""

from __future__ import annotations

from django_tasks import task

from krokarm.outbox import delivery


@task()
def deliver() -> dict[str, int]:
    """Send every message that is due now; see delivery.deliver_all."""
    return delivery.deliver_all().as_dict()
