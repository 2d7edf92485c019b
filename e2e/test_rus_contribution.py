"""An agency answers a region's remiss on the platform, and the region confirms it has received the answer —
as a user story (krokarm/strategies: the entry point page, the region's list of contributions)."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import sign_in
from e2e.live_data import ENTRY_POINT_ID, ENTRY_POINT_TITLE, OFFICERS, REGION_EDITOR, REGION_EDITOR_TOTP_KEY

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWER = "Arbetsförmedlingen tillstyrker tillägget och vill bidra med prognoser om arbetsmarknaden i länet."
REPLY = "Tack, vi har tagit emot ert remissvar."


def test_an_agency_answers_a_remiss_and_the_region_acknowledges_it(page: Page, browser: Browser) -> None:
    sign_in(page, OFFICERS["arbetsformedlingen"], then="/strategier/")
    open_now = page.locator("section, main").filter(has=page.get_by_role("heading", name="Nu kan myndigheter bidra"))
    open_now.get_by_role("link", name=ENTRY_POINT_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ENTRY_POINT_TITLE)
    expect(page.locator("main")).to_contain_text("Du skickar för Arbetsförmedlingen.")

    page.get_by_label("Ert bidrag").fill(ANSWER)
    page.get_by_label("Bilagor (frivilligt)").set_input_files(
        {"name": "Remissvar Arbetsförmedlingen.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Skicka bidrag").click()
    expect(page.get_by_role("alert")).to_contain_text("Ert bidrag är skickat")
    mine = page.locator("#era-bidrag")
    expect(mine).to_contain_text(ANSWER)
    expect(mine.get_by_role("link", name="Remissvar Arbetsförmedlingen.pdf")).to_be_visible()
    expect(mine).to_contain_text("Regionen har inte bekräftat")

    region_context = browser.new_context(base_url=page.url.split("/strategier/")[0], locale="sv-SE")
    editor = sign_in(region_context.new_page(), REGION_EDITOR[0], totp_key=REGION_EDITOR_TOTP_KEY)
    editor.goto(f"/strategier/ingang/{ENTRY_POINT_ID}/")
    editor.get_by_role("link", name="Se alla bidrag").click()
    expect(editor.locator("main")).to_contain_text(ANSWER)
    with editor.expect_download() as download:
        editor.get_by_role("link", name="Remissvar Arbetsförmedlingen.pdf").click()
    assert download.value.suggested_filename == "Remissvar Arbetsförmedlingen.pdf"
    editor.get_by_label("Svar till organisationen (frivilligt)").fill(REPLY)
    editor.get_by_role("button", name="Bekräfta Arbetsförmedlingen").click()
    expect(editor.get_by_role("alert")).to_contain_text("markerat som mottaget")
    region_context.close()

    page.reload()
    expect(page.locator("#era-bidrag")).to_contain_text("Mottaget av Region Östergötland")
    expect(page.locator("#era-bidrag")).to_contain_text(REPLY)
