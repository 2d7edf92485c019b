"""A proposal from a dialogue day becomes a next step that its owner carries out — as a user story
(krokarm/dialogues: the session page's quick capture, the proposal page, a next step's page, "Vad hände sedan?")."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from e2e.conftest import sign_in
from e2e.live_data import EDITOR, EDITOR_TOTP_KEY, ORGANISER_EDITOR, ORGANISER_EDITOR_TOTP_KEY
from e2e.pages import DIALOGUE_DAY

SESSION = f"{DIALOGUE_DAY}pass/2/"
PROPOSAL = "Gemensam kalender för myndigheternas kompetensinsatser"
STEP = "Samla myndigheternas kompetensinsatser i en kalender"
DONE_NOTE = "Kalendern finns nu under Fråga krokarm."


def test_a_facilitators_proposal_becomes_a_next_step_that_its_owner_marks_done(page: Page, browser: Browser) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # the facilitator captures on a phone during the session
    sign_in(page, ORGANISER_EDITOR[0], then=SESSION, totp_key=ORGANISER_EDITOR_TOTP_KEY)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    save = page.get_by_role("button", name="Spara", exact=True).bounding_box()
    assert save is not None and save["height"] >= 44, "the save button is too small to tap"
    page.get_by_label("Förslag", exact=True).check()
    page.get_by_label("Text", exact=True).fill(f"{PROPOSAL}\nRegionerna vill se alla insatser på ett ställe.")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Förslaget är sparat.")
    expect(page.locator("#fangat li").first).to_contain_text(PROPOSAL)
    expect(page.get_by_label("Text", exact=True)).to_have_value("")

    page.locator("#fangat").get_by_role("link", name=PROPOSAL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    page.get_by_role("textbox", name="Nästa steg", exact=True).fill(STEP)
    page.get_by_label("Ansvarig organisation").select_option(label="Arbetsförmedlingen")
    page.get_by_label("Klart senast").fill("2027-06-30")
    page.get_by_label("Var i krokarm görs det? (frivilligt)").fill("/fraga/")
    page.get_by_role("button", name="Spara nästa steg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(STEP)
    expect(page.locator("main")).to_contain_text("Planerad")
    step_url = page.url

    owner_context = browser.new_context(base_url=page.url.split("/dialoger/")[0], locale="sv-SE")
    owner = sign_in(owner_context.new_page(), EDITOR[0], totp_key=EDITOR_TOTP_KEY)
    owner.goto(step_url)
    owner.get_by_label("Klar", exact=True).check()
    owner.get_by_label("Vad har hänt? (frivilligt)").fill(DONE_NOTE)
    owner.get_by_role("button", name="Spara läget").click()
    expect(owner.locator(".messages")).to_contain_text("Läget är uppdaterat.")
    expect(owner.locator("main")).to_contain_text(DONE_NOTE)
    owner_context.close()

    page.goto(DIALOGUE_DAY)
    what_next = page.locator("section").filter(has=page.get_by_role("heading", name="Vad hände sedan?"))
    step = what_next.locator("li").filter(has=page.get_by_role("link", name=STEP))
    expect(step).to_contain_text("Arbetsförmedlingen")
    expect(step).to_contain_text("Klar")
    expect(step).not_to_contain_text("Försenad")
