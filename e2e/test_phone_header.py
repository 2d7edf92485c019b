"""The header on a phone: the menu and the search box fold behind "Meny", so the first screen shows the page itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

PHONE: ViewportSize = {"width": 390, "height": 844}
# Where the page's heading must start on a phone: the header may take about a quarter of the first screen.
HEADING_WITHIN = 200

# Each page with its main action (role and name), which must be on the first screen too.
FIRST_SCREENS = {
    "start": ("/", ("searchbox", "Vad gäller din fråga?")),
    "question page": ("/fraga/", ("textbox", "Din fråga")),
    "agency profile": ("/aktorer/arbetsformedlingen/", ("link", "Logga in för att följa")),
}


def main_menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Huvudmeny")


def meny(page: Page) -> Locator:
    """The "Meny" button: a <summary>, which browsers announce as a button that opens and closes."""
    return main_menu(page).locator("summary", has_text="Meny")


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def phone_without_javascript(browser: Browser, live_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_url, locale="sv-SE", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize(("path", "action"), FIRST_SCREENS.values(), ids=FIRST_SCREENS.keys())
def test_on_a_phone_the_menu_is_folded_and_the_first_screen_shows_the_heading_and_main_action(
    phone: Page, path: str, action: tuple[Literal["searchbox", "textbox", "link"], str]
) -> None:
    phone.goto(path)
    expect(meny(phone)).to_be_visible()
    expect(main_menu(phone).get_by_role("link", name="Vem ansvarar för vad?")).to_be_hidden()
    expect(phone.get_by_role("search", name="Sök på webbplatsen")).to_be_hidden()
    heading = phone.get_by_role("heading", level=1).bounding_box()
    assert heading is not None and heading["y"] <= HEADING_WITHIN, f"{path}: the h1 starts at {heading}"
    role, name = action
    expect(phone.get_by_role("main").get_by_role(role, name=name)).to_be_in_viewport(ratio=1)


def test_on_a_phone_without_javascript_meny_opens_the_menu_and_the_search_box(phone_without_javascript: Page) -> None:
    page = phone_without_javascript
    page.goto("/aktorer/")
    meny(page).click()
    expect(main_menu(page).get_by_role("link", name="Öppna data")).to_be_in_viewport()
    expect(main_menu(page).get_by_role("link", name="Aktörer")).to_have_attribute("aria-current", "page")
    main_menu(page).get_by_label("Sök på krokarm").fill("kompetensförsörjning")
    main_menu(page).get_by_role("button", name="Sök").click()
    page.wait_for_url("**/sok/?q=*")
    meny(page).click()
    main_menu(page).get_by_role("link", name="Regioner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regioner")


def test_the_meny_button_is_a_44_px_tap_target_with_visible_focus(phone: Page) -> None:
    phone.goto("/")
    box = meny(phone).bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
    for _ in range(10):  # the skip link, the brand, the sign-in and language links, then the button
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    expect(meny(phone)).to_be_focused()
    outline, shadow = phone.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert outline != "none" or shadow != "none", "the focused Meny button looks the same as an unfocused one"
    phone.keyboard.press("Enter")
    expect(main_menu(phone).get_by_role("link", name="Start", exact=True)).to_be_visible()


def announced(page: Page, name: str) -> dict[str, Any]:
    """How Chromium presents the control called `name` to assistive technology: its role and its states."""
    cdp = page.context.new_cdp_session(page)
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        if node.get("name", {}).get("value") == name and node["role"]["value"] != "StaticText":
            properties = {prop["name"]: prop["value"]["value"] for prop in node.get("properties", [])}
            return {"role": node["role"]["value"], **properties}
    raise AssertionError(f"nothing called {name!r} in the accessibility tree")


def test_the_meny_button_is_announced_by_name_with_whether_the_menu_is_open(phone: Page) -> None:
    phone.goto("/")
    # Chromium's role for <summary>; screen readers present it as a button that expands and collapses.
    assert announced(phone, "Meny") == {"role": "DisclosureTriangle", "focusable": True, "expanded": False}
    meny(phone).click()
    assert announced(phone, "Meny")["expanded"] is True


@pytest.mark.parametrize("width", [320, 390, 640, 641, 1280])
def test_there_is_one_main_menu_and_one_search_box_at_every_width(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    if width <= 640:  # 40rem: below it, the search box is in the folded menu
        meny(page).click()
    expect(main_menu(page)).to_have_count(1)
    expect(page.get_by_role("search", name="Sök på webbplatsen")).to_have_count(1)
    expect(page.get_by_role("link", name="Öppna data", exact=True)).to_be_visible()


def test_on_a_wide_screen_the_menu_links_show_without_a_click(page: Page) -> None:
    page.goto("/")
    expect(page.locator("summary", has_text="Meny")).to_be_hidden()
    for name in ["Start", "Ställ en fråga", "Aktörer", "Vem ansvarar för vad?", "Öppna data"]:
        expect(main_menu(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("search", name="Sök på webbplatsen")).to_be_visible()
