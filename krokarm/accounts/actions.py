"""Writes to accounts. Every change leaves an audit row."""

from __future__ import annotations

from django.db import transaction

from krokarm.accounts.models import User
from krokarm.audit.actions import record

DEMO_USERNAME = "demo"


def ensure_demo_staff() -> tuple[str, bool]:
    """Create the local demo administrator if it is missing. Never for production data."""
    with transaction.atomic():
        if User.objects.filter(username=DEMO_USERNAME).exists():
            return DEMO_USERNAME, False
        user = User.objects.create_superuser(DEMO_USERNAME, email="demo@krokarm.localhost", password=DEMO_USERNAME)
        record("user.created", user, changes={"is_staff": [None, True]}, source="seed")
    return DEMO_USERNAME, True
