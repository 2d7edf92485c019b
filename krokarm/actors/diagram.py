"""Layout for the "who works with whom" diagram: networks in the middle, members around them.

Returns coordinates only; the template draws the SVG. Member labels point
radially outwards (rotated like the spokes of a wheel) so that neighbours never
overlap. Deterministic, so the same data always gives the same picture.
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
    label_x: float
    label_y: float
    rotate: float  # degrees, around (label_x, label_y)
    anchor: str  # "start", "middle" or "end"
    lines: tuple[str, ...] = ()  # the label wrapped for display


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


def _angles(count: int, offset: float = 0.0) -> list[float]:
    return [offset + 2 * math.pi * i / max(count, 1) - math.pi / 2 for i in range(count)]


def _member(key: str, label: str, url: str, angle: float, radius: float, centre: float) -> Node:
    x = centre + radius * math.cos(angle)
    y = centre + radius * math.sin(angle)
    degrees = math.degrees(angle)
    left = math.cos(angle) < -1e-9
    lx = centre + (radius + 14) * math.cos(angle)
    ly = centre + (radius + 14) * math.sin(angle)
    # Flip labels on the left half so that no label is upside down.
    rotate = ((degrees + (180 if left else 0)) + 180) % 360 - 180
    return Node(
        key,
        label,
        url,
        round(x, 1),
        round(y, 1),
        False,
        round(lx, 1),
        round(ly, 1),
        round(rotate, 1),
        "end" if left else "start",
        (label if len(label) <= 34 else label[:33] + "…",),
    )


def wrap(label: str, width: int = 20, max_lines: int = 2) -> tuple[str, ...]:
    """Break a label into at most `max_lines` lines of about `width` characters."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
        lines[-1] = lines[-1][: width - 1] + "…" if len(lines[-1]) > width else lines[-1]
    return tuple(lines)


def _network(key: str, label: str, url: str, angle: float, radius: float, centre: float) -> Node:
    x = round(centre + radius * math.cos(angle), 1)
    y = round(centre + radius * math.sin(angle), 1)
    return Node(key, label, url, x, y, True, x, round(y + 34, 1), 0.0, "middle", wrap(label))


def layout(
    networks: list[tuple[str, str, str]],
    members: list[tuple[str, str, str]],
    links: list[tuple[str, str, bool]],
    size: int = 1100,
) -> Diagram:
    """networks/members: (key, label, url); links: (network key, member key, is coordinator)."""
    centre = size / 2
    net_nodes = {
        key: _network(key, label, url, angle, size * 0.13, centre)
        for (key, label, url), angle in zip(networks, _angles(len(networks)), strict=False)
    }
    member_nodes = {
        key: _member(key, label, url, angle, size * 0.27, centre)
        for (key, label, url), angle in zip(members, _angles(len(members)), strict=False)
    }
    edges = [
        Edge(net_nodes[n], member_nodes[m], coordinator)
        for n, m, coordinator in links
        if n in net_nodes and m in member_nodes
    ]
    return Diagram(size, size, [*member_nodes.values(), *net_nodes.values()], edges)
