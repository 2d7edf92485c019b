"""The RUS timeline and the tile map stay legible on a phone (issue 18, point 5): labels at least 12 px as drawn, no
label on top of another, and the page itself does not scroll sideways (the chart scrolls in its own box)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

# The drawn size of each chart label (an SVG scales its text with the drawing) and every pair of labels that overlap.
CHART_LABELS = """() => {
  const labels = [...document.querySelectorAll('.timeline-chart svg text')].map(el => {
    const r = el.getBoundingClientRect();
    const drawn = parseFloat(getComputedStyle(el).fontSize) * (r.height / el.getBBox().height);
    return {text: el.textContent.trim(), cls: el.getAttribute('class'), drawn, r};
  });
  const overlaps = [];
  const heads = labels.filter(l => l.cls === 'tick-label' || l.cls === 'today-label');
  for (let i = 0; i < heads.length; i++) {
    for (let j = i + 1; j < heads.length; j++) {
      const a = heads[i].r, b = heads[j].r;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        overlaps.push(`${heads[i].text} / ${heads[j].text}`);
      }
    }
  }
  return {
    count: labels.length,
    small: labels.filter(l => l.drawn < 11.5).map(l => `${l.text} (${l.drawn.toFixed(1)} px)`).slice(0, 5),
    overlaps,
    pageFits: document.documentElement.scrollWidth <= window.innerWidth,
  };
}"""

TILE_TEXT = """() => [...document.querySelectorAll('.tile-map .tile-name, .tile-map .tile-phase')]
  .filter(el => parseFloat(getComputedStyle(el).fontSize) < 12 || el.getBoundingClientRect().width < 40)
  .map(el => el.textContent.trim())"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_rus_timeline_keeps_its_labels_legible_and_apart(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/strategier/")
    labels = page.evaluate(CHART_LABELS)
    assert labels["count"] > 21, "the timeline has a label per region and per year"
    assert labels["small"] == [], f"labels drawn smaller than 12 px at {width} px: {labels['small']}"
    assert labels["overlaps"] == [], f"labels on top of each other at {width} px: {labels['overlaps']}"
    assert labels["pageFits"], f"/strategier/ scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [320, 390])
def test_the_tile_map_of_the_regions_reads_on_a_phone(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/strategier/")
    assert page.locator(".tile-map .tile").count() == 21
    assert page.evaluate(TILE_TEXT) == []


def test_the_timeline_can_be_scrolled_from_the_keyboard_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/strategier/")
    chart = page.locator(".timeline-chart")
    chart.scroll_into_view_if_needed()
    chart.focus()
    assert chart.evaluate("el => el.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # The browser may scroll smoothly: wait for the box to have moved (the page's CSP forbids wait_for_function).
    for _ in range(30):
        if chart.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert chart.evaluate("el => el.scrollLeft") > 0
