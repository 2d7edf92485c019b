"""The admin lists the schedule's runs read-only, with their results."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from zeal import zeal_ignore

from krokarm.jobs.models import JobRun

pytestmark = pytest.mark.django_db


def test_staff_see_each_run_with_its_result_but_cannot_change_it(staff_client: Any) -> None:
    now = timezone.now()
    run = JobRun.objects.create(
        job="daily-digest", slot=now - dt.timedelta(hours=1), started_at=now, ok=True, result="Queued 3 daily digests"
    )
    with zeal_ignore():
        listing = staff_client.get("/admin/jobs/jobrun/")
    assert listing.status_code == 200 and "Queued 3 daily digests" in listing.text
    assert staff_client.get("/admin/jobs/jobrun/add/").status_code == 403
    assert staff_client.post(f"/admin/jobs/jobrun/{run.pk}/delete/").status_code == 403
