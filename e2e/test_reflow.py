"""Reflow (WCAG 2.1, 1.4.10): at 320 CSS pixels wide no page scrolls sideways; wide tables scroll in their own box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from e2e.pages import PAGES

# The elements sticking out past the right edge, for the failure message.
WIDER_THAN_SCREEN = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + el.className : ''}`);
}"""


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_a_page_fits_a_narrow_phone_without_sideways_scrolling(page: Page, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, f"{path} scrolls sideways at 320 px: {page.evaluate(WIDER_THAN_SCREEN)}"
