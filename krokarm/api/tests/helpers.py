"""Shared by the API's write and token tests: keys for personas, and JSON requests with or without one."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.utils import timezone
from zeal import zeal_ignore

from krokarm.actors.models import Actor
from krokarm.api.actions import create_token
from krokarm.api.models import ApiToken

AF = "arbetsformedlingen"
ERROR_KEYS = {"status", "code", "message", "details"}


def key_for(user: Any, *, state: str = "active") -> str:
    """A key of a new token of `user`: active, expired or revoked."""
    with zeal_ignore():
        new = create_token(user, "Testskript")
    if state == "expired":
        ApiToken.objects.filter(pk=new.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif state == "revoked":
        ApiToken.objects.filter(pk=new.token.pk).update(revoked_at=timezone.now())
    return new.key


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client: Any, method: str, path: str, body: Any = None, **headers: Any) -> Any:
    data = json.dumps(body) if body is not None else ""
    return getattr(client, method)(path, data=data, content_type="application/json", **headers)


def a_responsibility() -> dict[str, Any]:
    return {
        "theme": "validering",
        "role": "informerar",
        "target_groups": ["individer"],
        "description": "Informerar om validering på arbetsförmedlingar i hela landet.",
        "basis": "Förordning (2022:811)",
        "source_url": "https://www.riksdagen.se/sv/dokument-och-lagar/",
        "questions": ["Hur får jag min kompetens validerad?", "Vad kostar validering?"],
    }


def a_service() -> dict[str, Any]:
    return {"name": "Valideringsguiden", "description": "Hitta validering nära dig.", "url": "https://exempel.se"}


def write_requests(slug: str = AF) -> list[tuple[str, str, Any]]:
    """Every write operation on the actor, with a valid body: (method, path, body)."""
    actor = Actor.objects.get(slug=slug)
    responsibility, service = actor.responsibilities.order_by("pk")[0], actor.services.order_by("pk")[0]
    base = f"/api/v1/actors/{slug}"
    return [
        ("patch", base, {"seat": "Kiruna"}),
        ("post", f"{base}/responsibilities", a_responsibility()),
        ("put", f"{base}/responsibilities/{responsibility.pk}", a_responsibility()),
        ("delete", f"{base}/responsibilities/{responsibility.pk}", None),
        ("post", f"{base}/services", a_service()),
        ("put", f"{base}/services/{service.pk}", a_service()),
        ("delete", f"{base}/services/{service.pk}", None),
    ]


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content)
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    error: dict[str, Any] = body["error"]
    assert error["status"] == status
    if code is not None:
        assert error["code"] == code, error
    return error
