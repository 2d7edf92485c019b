"""Request bodies are judged before anyone reads them: too large → 413, files from someone not signed in → the
sign-in page. The body's stream below fails the test if anything reads it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from krokarm.strategies.models import MAX_ATTACHMENTS
from krokarm.strategies.tests.factories import log_in, officer, open_entry_point, url

pytestmark = pytest.mark.django_db

BOUNDARY = "krokarmboundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


class Unread:
    """A request body nobody may read: 100 MB promised, and any read fails the test."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def send(client: Client, path: str, *, length: int, content_type: str = MULTIPART) -> Any:
    # With no data Django's test client sets neither type nor length: both are given as a browser would send them.
    extra: dict[str, Any] = {"CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(length), "wsgi.input": Unread()}
    return client.generic("POST", path, b"", content_type, **extra)


def test_a_body_larger_than_the_largest_upload_is_refused_with_413_unread() -> None:
    client = Client(enforce_csrf_checks=True)
    log_in(client, officer())
    entry = open_entry_point()

    response = send(client, url("contribute", entry.pk), length=100 * 1024 * 1024)

    assert response.status_code == 413
    page = response.content.decode()
    assert "Det du skickade är för stort" in page and "Inget av det du skickade sparades" in page
    assert response["Connection"] == "close"


def test_the_api_refuses_a_large_body_in_its_error_shape_unread() -> None:
    response = send(
        Client(), "/api/v1/actors", length=settings.REQUEST_BODY_MAX_BYTES + 1, content_type="application/json"
    )

    assert response.status_code == 413
    assert json.loads(response.content)["error"]["code"] == "too_large"


def test_files_from_someone_not_signed_in_go_to_the_sign_in_page_unread() -> None:
    entry = open_entry_point()

    response = send(Client(enforce_csrf_checks=True), url("contribute", entry.pk), length=5 * 1024 * 1024)

    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_the_limit_leaves_room_for_the_largest_contribution_the_forms_accept() -> None:
    assert settings.REQUEST_BODY_MAX_BYTES > MAX_ATTACHMENTS * settings.ATTACHMENT_MAX_BYTES


def test_a_signed_in_officers_files_within_the_limit_are_read_as_before(
    client: Client, settings: Any, tmp_path: Any
) -> None:
    from krokarm.strategies.models import Contribution
    from krokarm.strategies.tests.factories import AGENCY, upload

    settings.MEDIA_ROOT = tmp_path
    entry = open_entry_point()
    log_in(client, officer())

    response = client.post(
        url("contribute", entry.pk),
        {"bidrag-actor": AGENCY, "bidrag-text": "Vi tillstyrker.", "bidrag-attachments": [upload("svar.pdf")]},
    )

    assert response.status_code == 302
    assert Contribution.objects.get().attachments.count() == 1


def test_the_open_forms_take_an_ordinary_body_from_someone_not_signed_in(client: Client) -> None:
    # The test client sends forms as multipart, as a browser may: a sign-in of a few hundred bytes is read as ever.
    response = client.post("/logga-in/", {"username": "nobody@example.se", "password": "wrong-password"})

    assert response.status_code == 200
    assert "Inloggningen misslyckades" in response.content.decode()
