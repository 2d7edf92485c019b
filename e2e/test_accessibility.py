"""Accessibility is a gate: zero axe violations of WCAG 2.0/2.1 A and AA on every page and state."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from e2e.pages import PAGES, STAFF_PAGES

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def violations(page: Page, path: str) -> tuple[int, str]:
    page.goto(path)
    results = axe.run(page, options=WCAG_AA)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_an_anonymous_visitor_meets_no_wcag_aa_violation(page: Page, path: str) -> None:
    count, report = violations(page, path)
    assert count == 0, report


@pytest.mark.parametrize("path", ["/", "/aktorer/", "/aktorer/tillvaxtverket/", "/vem-ansvarar-for-vad/", "/data/"])
def test_a_logged_in_official_meets_no_wcag_aa_violation(staff_page: Page, path: str) -> None:
    count, report = violations(staff_page, path)
    assert count == 0, report


@pytest.mark.parametrize("path", STAFF_PAGES.values(), ids=STAFF_PAGES.keys())
def test_a_coordinator_meets_no_wcag_aa_violation_on_the_staff_pages(staff_page: Page, path: str) -> None:
    count, report = violations(staff_page, path)
    assert count == 0, report


def test_the_english_pages_meet_no_wcag_aa_violation(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    for path in ["/", "/vem-ansvarar-for-vad/", "/aktorer/?kind=rymdstyrelse"]:
        count, report = violations(page, path)
        assert count == 0, report


def test_axe_does_find_a_violation_when_there_is_one(page: Page) -> None:
    # Guards the gate itself: an unlabeled field must be reported.
    page.goto("/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count >= 1
