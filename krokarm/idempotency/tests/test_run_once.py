"""run_once: one thing per key, the first result for a repeat, and nothing kept when the first attempt failed."""

from __future__ import annotations

import pytest

from krokarm.idempotency.actions import forget_old, lookup, run_once
from krokarm.idempotency.models import Key

pytestmark = pytest.mark.django_db


def test_the_second_call_with_a_key_gets_the_first_result_without_running() -> None:
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return f"/sak/{len(made)}/"

    assert run_once("user:1", "k", "test", make) == ("/sak/1/", True)
    assert run_once("user:1", "k", "test", make) == ("/sak/1/", False)
    assert made == [1]


def test_keys_are_kept_apart_per_person() -> None:
    assert run_once("user:1", "k", "test", lambda: "/a/")[1] is True
    assert run_once("user:2", "k", "test", lambda: "/b/") == ("/b/", True)


def test_a_failed_first_attempt_leaves_the_key_free_for_the_next() -> None:
    def fail() -> str:
        raise ValueError("the action refused")

    with pytest.raises(ValueError):
        run_once("user:1", "k", "test", fail)
    assert lookup("user:1", "k") is None  # nothing kept from the failure
    assert run_once("user:1", "k", "test", lambda: "/ok/") == ("/ok/", True)


def test_old_keys_are_forgotten() -> None:
    from datetime import timedelta

    from django.utils import timezone

    run_once("user:1", "old", "test", lambda: "/a/")
    Key.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=3))
    run_once("user:1", "new", "test", lambda: "/b/")
    assert forget_old() == 1 and list(Key.objects.values_list("key", flat=True)) == ["new"]
