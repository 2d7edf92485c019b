"""Whose address a request counts under: X-Real-IP only when our own proxy sent it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from krokarm.lib.client import client_address, parse_networks


def request(peer: str, real_ip: str | None = None) -> Any:
    made = RequestFactory().get("/")
    made.META["REMOTE_ADDR"] = peer
    if real_ip is not None:
        made.META["HTTP_X_REAL_IP"] = real_ip
    return made


@pytest.fixture
def behind_proxy(settings: Any) -> Any:
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.1.0.0/16"]
    return settings


def test_a_client_that_sends_x_real_ip_itself_counts_under_its_own_address(behind_proxy: Any) -> None:
    assert client_address(request("198.51.100.4", real_ip="192.0.2.99")) == "198.51.100.4"


def test_behind_a_trusted_proxy_the_client_is_the_one_it_names(behind_proxy: Any) -> None:
    assert client_address(request("127.0.0.1", real_ip="192.0.2.99")) == "192.0.2.99"
    assert client_address(request("10.1.4.2", real_ip="2001:db8::7")) == "2001:db8::7"
    assert client_address(request("::ffff:127.0.0.1", real_ip="192.0.2.99")) == "192.0.2.99"


def test_a_header_that_is_not_an_address_is_ignored(behind_proxy: Any) -> None:
    assert client_address(request("127.0.0.1", real_ip="192.0.2.99, 10.0.0.1")) == "127.0.0.1"
    assert client_address(request("127.0.0.1", real_ip="")) == "127.0.0.1"


def test_without_behind_proxy_the_header_is_never_believed(settings: Any) -> None:
    settings.BEHIND_PROXY = False
    assert client_address(request("127.0.0.1", real_ip="192.0.2.99")) == "127.0.0.1"


def test_trusted_proxies_must_be_addresses_or_networks() -> None:
    assert [str(n) for n in parse_networks(["127.0.0.1", " 10.0.0.0/8 "])] == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ValueError):
        parse_networks(["proxy.example.se"])
