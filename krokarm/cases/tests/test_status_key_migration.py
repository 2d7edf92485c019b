"""The migration that stores status keys hashed (cases 0003): addresses askers already hold keep opening their case."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from krokarm.accounts.actions import hash_token
from krokarm.cases.models import Case
from krokarm.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db
migration = import_module("krokarm.cases.migrations.0003_case_status_keys_stored_hashed")
OLD_KEYS = ["Gk3v0ZqT8yXh2aLm9bR4cN7sW1eU5oPj6dQfYtHiKzA", "e2e-status-link"]


def test_an_old_clear_key_still_opens_its_status_page_after_the_migration(client: Any) -> None:
    cases = [make_case(), make_case("csn")]
    for case, key in zip(cases, OLD_KEYS, strict=True):  # as the rows were before: the key itself in the column
        Case.objects.filter(pk=case.pk).update(token_hash=key)
    migration.hash_status_tokens(apps, None)
    assert sorted(Case.objects.values_list("token_hash", flat=True)) == sorted(hash_token(k) for k in OLD_KEYS)
    for case, key in zip(cases, OLD_KEYS, strict=True):
        page = client.get(reverse("cases:status", args=[key]))
        assert page.status_code == 200 and str(case.reference) in page.content.decode()
    assert client.get(reverse("cases:status", args=[hash_token(OLD_KEYS[0])])).status_code == 404
