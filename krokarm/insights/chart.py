"""The layout of a simple bar chart, drawn as inline SVG by a template. Plain data in and out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 720
HEIGHT = 260
TOP = 24  # room for the value above the tallest bar
BOTTOM = 44  # room for two lines of labels under the bars
SIDE = 8
# With more bars than this, only every few bars carry a label, or the labels would overlap.
LABELLED_BARS = 18


@dataclass(frozen=True)
class Bar:
    key: Any
    value: int
    x: float
    y: float
    width: float
    height: float
    labelled: bool  # whether this bar's key and value are written out

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def value_y(self) -> float:
        """Where the value is written: just above the bar."""
        return round(self.y - 6, 1)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    label_y: float
    bars: tuple[Bar, ...]
    highest: int


def bar_chart(values: Sequence[tuple[Any, int]], *, width: int = WIDTH, height: int = HEIGHT) -> BarChart:
    """Bars for (key, value) pairs in order, scaled so the highest value fills the height."""
    baseline = height - BOTTOM
    highest = max((value for _key, value in values), default=0)
    slot = (width - 2 * SIDE) / max(len(values), 1)
    every = max(1, math.ceil(len(values) / LABELLED_BARS))
    bars = []
    for i, (key, value) in enumerate(values):
        bar_height = (baseline - TOP) * value / highest if highest else 0.0
        bars.append(
            Bar(
                key=key,
                value=value,
                x=round(SIDE + i * slot + slot * 0.15, 1),
                y=round(baseline - bar_height, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_height, 1),
                labelled=(len(values) - 1 - i) % every == 0,
            )
        )
    return BarChart(width, height, float(baseline), float(baseline + 16), tuple(bars), highest)
