"""Whose request this is: the one place that decides which client address to believe.

Rate limits (django-ratelimit, settings.RATELIMIT_IP_META_KEY) and sign-in throttling (django-axes,
settings.AXES_CLIENT_IP_CALLABLE) both count per client address, so both ask `client_address`. A header naming
the client is only as honest as whoever sent it: anybody can send `X-Real-IP`, so it counts only when the
socket's peer is one of our own proxies (settings.TRUSTED_PROXIES) and settings.BEHIND_PROXY is on.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:  # settings.py imports this module: nothing here may load Django's request machinery
    from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """`["127.0.0.1", "10.0.0.0/8", "::1"]` as networks; raises ValueError on anything else (a typo in the
    environment stops the start rather than trusting the wrong machine)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


@lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


def is_trusted_proxy(peer: str) -> bool:
    """Whether the socket's peer is one of our proxies. An empty peer is a Unix socket: only a process on this
    machine can connect through one, which is where our proxy runs."""
    if not peer:
        return True
    address = _address(peer)
    networks = _trusted(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the `X-Real-IP` our proxy sets, when the request came through it (BEHIND_PROXY and
    the peer in TRUSTED_PROXIES) and the header holds an address; otherwise the socket's peer (REMOTE_ADDR)."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    if settings.BEHIND_PROXY and is_trusted_proxy(peer):
        forwarded = _address(str(request.META.get("HTTP_X_REAL_IP", "")))
        if forwarded is not None:
            return str(forwarded)
    return peer or None
