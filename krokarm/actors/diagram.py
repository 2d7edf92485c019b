"""Layout for the "who works with whom" diagram: networks in the middle, members around them.

Returns coordinates only; the template draws the SVG. Deterministic, so the same
data always gives the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    url: str
    x: float
    y: float
    is_network: bool


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    coordinator: bool


@dataclass
class Diagram:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def _ring(count: int, radius: float, cx: float, cy: float, offset: float = 0.0) -> list[tuple[float, float]]:
    return [
        (
            round(cx + radius * math.cos(offset + 2 * math.pi * i / max(count, 1) - math.pi / 2), 1),
            round(cy + radius * math.sin(offset + 2 * math.pi * i / max(count, 1) - math.pi / 2), 1),
        )
        for i in range(count)
    ]


def layout(
    networks: list[tuple[str, str, str]],
    members: list[tuple[str, str, str]],
    links: list[tuple[str, str, bool]],
    size: int = 900,
) -> Diagram:
    """networks/members: (key, label, url); links: (network key, member key, is coordinator)."""
    centre = size / 2
    net_nodes = {
        key: Node(key, label, url, x, y, True)
        for (key, label, url), (x, y) in zip(networks, _ring(len(networks), size * 0.14, centre, centre))
    }
    member_nodes = {
        key: Node(key, label, url, x, y, False)
        for (key, label, url), (x, y) in zip(members, _ring(len(members), size * 0.38, centre, centre))
    }
    edges = [
        Edge(net_nodes[n], member_nodes[m], coordinator)
        for n, m, coordinator in links
        if n in net_nodes and m in member_nodes
    ]
    return Diagram(size, size, [*member_nodes.values(), *net_nodes.values()], edges)
