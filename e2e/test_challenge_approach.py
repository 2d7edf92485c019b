"""A region describes how it works on a national challenge, and the comparison shows it next to the other
regions — as a user story (krokarm/challenges: the challenge page, the approach form, the comparison)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.conftest import sign_in
from e2e.live_data import REGION_EDITOR, REGION_EDITOR_TOTP_KEY

CHALLENGE = "/utmaningar/omstallning-till-ett-fossilfritt-samhalle/"
SUMMARY = "Östergötland ställer om med klimatfärdplanen och en satsning på laddinfrastruktur i alla kommuner."


def test_a_region_adds_its_approach_to_a_national_challenge_and_it_appears_in_the_comparison(page: Page) -> None:
    sign_in(page, REGION_EDITOR[0], totp_key=REGION_EDITOR_TOTP_KEY, then=CHALLENGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Omställningen till ett fossilfritt samhälle")
    page.get_by_role("link", name="Lägg till hur vi arbetar i Region Östergötland").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hur vi arbetar i Region Östergötland")

    page.get_by_label("Så arbetar vi").fill(SUMMARY)
    page.get_by_label("Insatser (frivilligt)").fill("Klimatfärdplan för länet\nLaddinfrastruktur i alla kommuner")
    page.get_by_label("Pågår").check()
    page.get_by_label("Kontakt: funktion eller roll (frivilligt)").fill("Regional utveckling, klimat")
    page.get_by_label("Kontaktens e-post (frivilligt)").fill("klimat@example.se")
    page.get_by_label("Startar (frivilligt)").fill("2026-01-01")
    page.get_by_label("Slutar (frivilligt)").fill("2026-01-01")
    page.get_by_label("Startar (frivilligt)").fill("2026-03-01")
    page.get_by_role("button", name="Spara arbetssättet").click()

    # The end date is before the start: the form says so and keeps what was typed.
    expect(page.locator(".error-summary")).to_contain_text("Slutdatumet kan inte vara före startdatumet.")
    expect(page.get_by_label("Så arbetar vi")).to_have_value(SUMMARY)
    page.get_by_label("Slutar (frivilligt)").fill("2027-12-31")
    page.get_by_role("button", name="Spara arbetssättet").click()

    expect(page.locator("main")).to_contain_text("Regionens arbetssätt är sparat")
    expect(page.locator("#arbetssatt-region-ostergotland")).to_contain_text(SUMMARY)
    expect(page.get_by_role("link", name="Lägg till hur vi arbetar i Region Östergötland")).to_have_count(0)

    page.get_by_role("link", name="Jämför regionernas arbetssätt i en tabell").click()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Region Östergötland"))
    expect(row).to_contain_text(SUMMARY)
    expect(row).to_contain_text("Laddinfrastruktur i alla kommuner")
    expect(row).to_contain_text("Pågår")
    expect(row).to_contain_text("1 mars 2026 – 31 december 2027")
    expect(table.get_by_role("rowheader", name="Region Dalarna")).to_be_visible()
