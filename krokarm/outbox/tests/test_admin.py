"""The admin lists outbox messages read-only: they change only through queue_mail, the worker and "Skicka igen"."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.outbox.tests.factories import failed_message, message

pytestmark = pytest.mark.django_db


def test_staff_see_the_messages_but_cannot_add_change_or_delete_them(staff_client: Any) -> None:
    row = failed_message(subject="Ditt ärende VI-2026-000009")
    message()
    with zeal_ignore():
        listing = staff_client.get("/admin/outbox/message/")
        detail = staff_client.get(f"/admin/outbox/message/{row.pk}/change/")
    assert listing.status_code == 200 and "Ditt ärende VI-2026-000009" in listing.text
    assert detail.status_code == 200 and 'name="_save"' not in detail.text
    assert staff_client.get("/admin/outbox/message/add/").status_code == 403
    assert staff_client.post(f"/admin/outbox/message/{row.pk}/delete/").status_code == 403
