"""Signing in, with a one-time code where the role asks for one, and the warning before an idle session ends."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.live_data import EDITOR, EDITOR_TOTP_KEY, STAFF, totp_code


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

    page.get_by_label("Engångskod").fill(totp_code(EDITOR_TOTP_KEY))
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
