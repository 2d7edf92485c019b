"""The question page answers as you type (krokarm/static/krokarm/wayin.js), told as user stories.

The answer fragment (`/fraga/?…&partial=1`) is not a document of its own, so e2e/pages.py cannot list it
for the gates: the last tests here run axe and the Nu HTML Checker on the page after the script has
swapped the fragment in, in each of its states.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.test_accessibility import WCAG_AA, axe
from e2e.test_html_validity import check

SUMMARY = re.compile(r"^\d aktörer? kan svara på din fråga\.$")


def stays_on_the_page(page: Page) -> None:
    """Mark the document: a full page load (a submitted form) would lose the mark."""
    page.evaluate("window.__notReloaded = true")


def was_not_reloaded(page: Page) -> bool:
    return bool(page.evaluate("window.__notReloaded === true"))


def test_someone_types_a_question_and_sees_who_can_answer_without_pressing_the_button(page: Page) -> None:
    page.goto("/fraga/")
    stays_on_the_page(page)
    question = page.get_by_label("Din fråga")
    question.press_sequentially("Vem bedömer min utländska examen?", delay=15)
    expect(page.get_by_role("heading", name="De här kan hjälpa dig")).to_be_visible()
    expect(page.locator("ol.answers")).to_contain_text("Universitets- och högskolerådet")
    expect(page.locator("#answer-status")).to_have_text(SUMMARY)
    expect(page).to_have_url(re.compile(r"/fraga/\?q=Vem\+bed%C3%B6mer\+min\+utl%C3%A4ndska\+examen%3F&"))
    assert "partial" not in page.url
    expect(question).to_be_focused()
    assert was_not_reloaded(page)
    # The address is shareable: opened anew, it shows the same answer from the server.
    shown = page.locator("ol.answers h3").all_inner_texts()
    page.goto(page.url)
    assert page.locator("ol.answers h3").all_inner_texts() == shown


def test_someone_in_skelleftea_chooses_their_municipality_and_the_answer_follows(page: Page) -> None:
    page.goto("/fraga/")
    stays_on_the_page(page)
    page.get_by_label("Din fråga").fill("Var kan jag läsa sfi?")
    expect(page.locator("ol.answers")).to_be_visible()
    page.get_by_label("Län eller kommun (frivilligt)").select_option(label="Skellefteå")
    expect(page.locator("#answer-area")).to_contain_text("Vi har utgått från att frågan gäller Skellefteå.")
    expect(page.locator("ol.answers > li").first).to_contain_text("Skellefteå")
    expect(page).to_have_url(re.compile(r"county=2482"))
    assert was_not_reloaded(page)


def test_a_too_long_question_is_explained_while_typing_with_the_forms_own_message(page: Page) -> None:
    page.goto("/fraga/")
    question = page.get_by_label("Din fråga")
    question.fill("Hur blir jag svetsare? " * 100)
    expect(page.locator("#answer-area")).to_contain_text("Din fråga: Frågan är för lång: skriv högst 2000 tecken")
    expect(page.locator("#answer-status")).to_contain_text("Frågan är för lång")
    expect(question).to_have_attribute("aria-invalid", "true")
    expect(question).to_be_focused()
    question.fill("Hur blir jag svetsare?")
    expect(page.locator("ol.answers")).to_be_visible()
    expect(question).not_to_have_attribute("aria-invalid", "true")


def test_the_button_still_sends_the_question(page: Page) -> None:
    page.goto("/fraga/?q=" + "x" * 2100)
    expect(page.get_by_role("alert")).to_contain_text("Frågan är för lång")
    question = page.get_by_label("Din fråga")
    question.fill("yrkeshögskola")
    # The answer that follows the typing replaces the message the page was loaded with.
    expect(page.locator("ol.answers")).to_be_visible()
    expect(page.get_by_role("alert")).to_be_hidden()
    stays_on_the_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Visa vem som ansvarar").click()
    assert not was_not_reloaded(page)
    expect(page.locator("ol.answers")).to_contain_text("Myndigheten för yrkeshögskolan")


def test_without_javascript_the_answer_waits_for_the_button(browser: Browser, live_url: str) -> None:
    context = browser.new_context(base_url=live_url, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto("/fraga/")
    page.get_by_label("Din fråga").fill("Vem bedömer min utländska examen?")
    page.wait_for_timeout(600)
    expect(page.locator("ol.answers")).to_have_count(0)
    page.get_by_label("Län eller kommun (frivilligt)").select_option("2482")
    page.get_by_role("button", name="Visa vem som ansvarar").click()
    expect(page.locator("ol.answers")).to_contain_text("Universitets- och högskolerådet")
    expect(page.get_by_label("Län eller kommun (frivilligt)")).to_have_value("2482")
    context.close()


# The gates, on what the script shows ----------------------------------------------------------------

LIVE_STATES = {
    "answered": "Var kan jag läsa sfi?",
    "low confidence": "blomkrukor",
    "form errors": "Hur blir jag svetsare? " * 100,
}


def show_live(page: Page, text: str) -> None:
    page.goto("/fraga/")
    page.get_by_label("Din fråga").fill(text)
    expect(page.locator("#answer-status")).not_to_be_empty()


@pytest.mark.parametrize("text", LIVE_STATES.values(), ids=LIVE_STATES.keys())
def test_an_answer_shown_while_typing_meets_no_wcag_aa_violation(page: Page, text: str) -> None:
    show_live(page, text)
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_an_answer_shown_while_typing_is_valid_html(page: Page, tmp_path: Path) -> None:
    files = []
    for number, text in enumerate(LIVE_STATES.values()):
        show_live(page, text)
        target = tmp_path / f"live-{number}.html"
        target.write_text(page.content(), encoding="utf-8")
        files.append(target)
    assert check(files) == []
