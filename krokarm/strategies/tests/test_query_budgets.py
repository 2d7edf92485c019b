"""Pages run a fixed number of queries whatever the data (django-zeal guards against N+1 too)."""

import pytest
from django.urls import reverse

from krokarm.strategies.models import EntryPoint

pytestmark = pytest.mark.django_db


def test_strategy_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(16):
        client.get(reverse("strategies:overview"))
    # +2 (from 10): when the strategy, its phases and entry points were checked and by whom, for all at once
    # (krokarm.audit.provenance: reference records, then the newest confirmations and site changes).
    with django_assert_num_queries(12):
        client.get(reverse("strategies:region", args=["region-ostergotland"]))
    entry = EntryPoint.objects.first()
    with django_assert_num_queries(4):
        client.get(reverse("strategies:entry_point", args=[entry.pk]))


def test_only_get_is_allowed(client):
    assert client.post(reverse("strategies:overview")).status_code == 405
