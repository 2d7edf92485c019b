"""The Content-Security-Policy is a gate: no page, state, admin screen or the API docs breaks it in a browser.

The policy (krokarm/settings.py) allows only the site's own files: no inline script, event handler, <style>
element or style attribute. A page that needs one is reported here as a violation, both from the
`securitypolicyviolation` event (a listener Playwright installs before any of the page's own scripts; CSP
does not govern what Playwright injects) and from Chromium's console.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from e2e.pages import PAGES, STAFF_PAGES

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""

# Django's admin: the start page, a list, and forms with its richer widgets (select2 autocomplete,
# the two-box filter, the date and time shortcuts).
ADMIN_PAGES: dict[str, str] = {
    "admin start": "/admin/",
    "actor list": "/admin/actors/actor/",
    "new actor": "/admin/actors/actor/add/",
    "new responsibility": "/admin/actors/responsibility/add/",
    "new affiliation": "/admin/accounts/affiliation/add/",
    "audit log": "/admin/audit/auditentry/",
    "users": "/admin/accounts/user/",
}


class Watcher:
    """Collects the policy violations of one browser page, across navigations."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTENER)
        page.on("console", self.on_console)

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        """What the current document reported, once pending events have been delivered, then the console's."""
        self.page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
        found = list(self.page.evaluate("window.__cspViolations || []")) + self.console
        self.console.clear()
        return found

    def visit(self, paths: dict[str, str]) -> dict[str, list[str]]:
        """Each page's violations, by name; a server error counts as one, since the page was not checked."""
        found = {}
        for name, path in paths.items():
            response = self.page.goto(path)
            self.page.wait_for_load_state("load")
            violations = self.violations()
            if response is None or response.status >= 500:
                violations.append(f"no page to check: {response.status if response else 'no response'}")
            if violations:
                found[f"{name} ({path})"] = violations
        return found


@pytest.fixture
def watched(page: Page) -> Iterator[Watcher]:
    yield Watcher(page)


def test_no_page_breaks_the_content_security_policy(watched: Watcher) -> None:
    assert watched.visit(PAGES) == {}


def test_no_staff_page_breaks_the_content_security_policy(staff_page: Page) -> None:
    watcher = Watcher(staff_page)
    assert watcher.visit(STAFF_PAGES) == {}


def test_the_admin_works_within_the_content_security_policy(staff_page: Page) -> None:
    watcher = Watcher(staff_page)
    assert watcher.visit(ADMIN_PAGES) == {}
    for path in ADMIN_PAGES.values():
        assert staff_page.request.get(path).ok, path
    # The scripts build widgets after load: the autocomplete box opens and the filter boxes are there.
    staff_page.goto("/admin/actors/responsibility/add/")
    staff_page.locator(".select2-selection").first.click()
    expect(staff_page.locator(".select2-results__option").first).to_be_visible()
    expect(staff_page.locator(".selector-available").first).to_be_visible()
    assert watcher.violations() == []


def test_answers_as_you_type_stay_within_the_content_security_policy(watched: Watcher) -> None:
    watched.page.goto("/fraga/")
    watched.page.get_by_label("Din fråga").press_sequentially("Var kan jag läsa sfi?", delay=15)
    expect(watched.page.locator("ol.answers")).to_be_visible()
    assert watched.violations() == []


def test_the_api_docs_render_within_the_content_security_policy(watched: Watcher) -> None:
    page = watched.page
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("krokarm API")
    operation = page.locator(".opblock-summary").first
    operation.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert watched.violations() == []


def test_the_gate_does_report_an_inline_script_and_an_inline_style(watched: Watcher) -> None:
    # Guards the gate itself: what an injected page would try must be refused and reported.
    page = watched.page
    page.goto("/")
    assert watched.violations() == []
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.append(script);
          document.querySelector("main").insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    found = watched.violations()
    assert any(v.startswith("script-src") for v in found), found
    assert any(v.startswith("style-src") for v in found), found
    assert page.evaluate("window.__inlineRan === undefined")
