"""Signing in, with a one-time code where the role asks for one, and the warning before an idle session ends."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from e2e.live_data import EDITOR, EDITOR_TOTP_KEY, STAFF, fresh_totp_code, totp_code
from e2e.test_accessibility import WCAG_AA
from e2e.test_html_validity import check


def test_an_editor_signs_in_with_a_one_time_code(page: Page) -> None:
    page.goto("/inkorg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    page.get_by_label("E-postadress eller användarnamn").fill(EDITOR[1].upper())
    page.get_by_label("Lösenord").fill(STAFF[1])
    page.get_by_role("button", name="Logga in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv engångskoden")
    page.get_by_label("Engångskod").fill("000000" if totp_code(EDITOR_TOTP_KEY) != "000000" else "111111")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    page.wait_for_timeout(1_500)  # a wrong code makes the next try wait a second (django-otp's throttling)
    page.goto("/inkorg/")  # nothing else opens before the code is given
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv engångskoden")

    page.get_by_label("Engångskod").fill(fresh_totp_code(EDITOR_TOTP_KEY))
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url("**/inkorg/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inkorg")


def test_an_officer_is_warned_before_an_idle_session_ends_and_can_continue(page: Page) -> None:
    page.clock.install()
    page.goto("/logga-in/")
    page.get_by_label("E-postadress eller användarnamn").fill("e2e-af@example.se")
    page.get_by_label("Lösenord").fill(STAFF[1])
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/")
    dialog = page.get_by_role("dialog", name="Du loggas snart ut")
    expect(dialog).to_be_hidden()

    page.clock.fast_forward("28:30")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("heading", name="Du loggas snart ut")).to_be_focused()
    dialog.get_by_role("button", name="Fortsätt vara inloggad").click()
    expect(dialog).to_be_hidden()

    page.clock.fast_forward("28:30")  # warned again only after another idle half hour, then signed out
    expect(dialog).to_be_visible()
    page.clock.fast_forward("02:00")
    page.wait_for_url("**/logga-in/**")


def test_a_visitor_locked_out_after_five_failures_gets_an_accessible_valid_page(page: Page, tmp_path: Path) -> None:
    # An address of its own: the lock holds only for this account from this client, so no other test is affected.
    page.goto("/logga-in/")
    for _attempt in range(4):
        page.get_by_label("E-postadress eller användarnamn").fill("sparrad-i-grinden@example.se")
        page.get_by_label("Lösenord").fill("fel-losenord")
        page.get_by_role("button", name="Logga in").click()
        expect(page.get_by_role("heading", name="Inloggningen misslyckades")).to_be_visible()
    page.get_by_label("E-postadress eller användarnamn").fill("sparrad-i-grinden@example.se")
    page.get_by_label("Lösenord").fill("fel-igen")  # the fifth failure locks
    with page.expect_response("**/logga-in/") as answer:
        page.get_by_role("button", name="Logga in").click()
    assert answer.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_contain_text("spärrad")

    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    html = tmp_path / "locked-out.html"
    html.write_text(page.content(), encoding="utf-8")
    assert check([html]) == []
