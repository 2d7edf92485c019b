from __future__ import annotations

from collections.abc import Iterator

import pytest
from zeal import zeal_ignore


@pytest.fixture
def several_requests() -> Iterator[None]:
    """Journeys make several requests in one test; each loads the session and the signed-in user again, which
    is one query per request, not an N+1. Each request is still checked on its own (zeal's middleware)."""
    allowlist = [
        {"model": "accounts.User"},
        {"model": "otp_totp.TOTPDevice"},
    ]
    with zeal_ignore(allowlist=allowlist):
        yield
