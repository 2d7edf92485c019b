"""A journey with the keyboard only: a sensible tab order, visible focus everywhere, no traps."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
          visible: outline || shadow};
}"""


def focused(page: Page) -> dict[str, object]:
    return dict(page.evaluate(FOCUS_STYLE))


def test_a_keyboard_user_finds_an_agency_from_the_start_page(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Hoppa till innehållet" and first["visible"]
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_in_viewport()
    page.keyboard.press("Enter")
    # From the main content, the next stop is the question box.
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "INPUT"
    page.keyboard.type("yrkeshögskola")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fraga/?q=*")
    # Tab on until the first result link and open it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Myndigheten för yrkeshögskolan":
            break
    assert focused(page)["visible"]
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Myndigheten för yrkeshögskolan")


@pytest.mark.parametrize(
    "path", ["/", "/aktorer/", "/aktorer/?kind=rymdstyrelse", "/vem-ansvarar-for-vad/", "/regioner/", "/data/"]
)
def test_every_focus_stop_is_visible_and_tabbing_leaves_the_page_in_order(page: Page, path: str) -> None:
    page.goto(path)
    stops = page.evaluate(
        "() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]:not([tabindex=\"-1\"])')]"
        ".filter(el => el.offsetParent !== null || el.getClientRects().length).length"
    )
    seen = []
    for _ in range(stops + 5):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "BODY":
            break  # focus went past the last stop: no trap
        assert state["visible"], f"{path}: focus is invisible on {state}"
        seen.append(state)
    else:
        raise AssertionError(f"{path}: focus never left the page after {len(seen)} stops")
    assert seen[0]["text"] == "Hoppa till innehållet"
    assert len(seen) == stops, f"{path}: {stops} focusable elements but {len(seen)} tab stops"
